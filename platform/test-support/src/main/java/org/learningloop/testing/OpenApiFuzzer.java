package org.learningloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Sends a service bounded, seeded, hostile requests generated from its own OpenAPI document: for every operation a
 * request built from its schemas, then the same with one thing wrong (a field missing, unknown, null, of the wrong
 * type, a huge or tiny number, a control character, a long text, a date out of range, a key twice, broken JSON,
 * odd path and query values, odd If-Match). What must hold for every answer: no 5xx, every 4xx is
 * {@code application/problem+json}, and nothing is stored for a refusal. A failure names the seed and the request
 * so it can be replayed ({@code -Dfuzz.seed=…}).
 */
public final class OpenApiFuzzer {

    /** Requests per operation; {@code -Dfuzz.requests} raises it (the issue's bound: at most 300). */
    public static final int REQUESTS_PER_OPERATION = Integer.getInteger("fuzz.requests", 40);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    private final JsonNode openApi;
    private final long seed;
    private final Store store;
    private final List<String> failures = new ArrayList<>();
    /** Ids of resources the fuzzer created, by collection (the first path segment: {@code wigs}, {@code teams}). */
    private final Map<String, List<String>> known = new java.util.HashMap<>();
    private int sent;
    private final Map<Integer, Integer> statuses = new java.util.TreeMap<>();

    /** What the service has stored: its event store, read directly. */
    public interface Store {

        /** The position of the last stored event (0: none): must not move on a refusal. */
        long position();

        /** The events stored after {@code position} that do not fit their published schema, described. */
        List<String> misfitsAfter(long position);
    }

    /**
     * @param store the service's event store: nothing may be stored for a refusal, and nothing stored may break its
     *              event's schema
     */
    public OpenApiFuzzer(JsonNode openApi, long seed, Store store) {
        this.openApi = openApi;
        this.seed = seed;
        this.store = store;
    }

    /** The seed of this run: {@code -Dfuzz.seed}, else fixed (the run is the same every time). */
    public static long seed() {
        return Long.getLong("fuzz.seed", 20261202L);
    }

    /** The service's OpenAPI document as JSON. */
    public static JsonNode fetchOpenApi() {
        try {
            return JSON.readTree(SignedIn.withEveryRole().accept("application/json").get("/q/openapi").asString());
        } catch (Exception e) {
            throw new AssertionError("Cannot read /q/openapi", e);
        }
    }

    /**
     * Runs every operation; answers what went wrong (empty: nothing). First it creates what it can (each creating
     * operation once, valid, three rounds so that a team finds its unit and a WIG its team), so that the hostile
     * requests meet real resources at their current versions, not only 404s.
     */
    public List<String> run() {
        Random creating = new Random(seed);
        for (int round = 0; round < 3; round++) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                JsonNode post = path.getValue().get("post");
                if (post != null && !path.getKey().startsWith("/q/") && !path.getKey().startsWith("/admin/")) {
                    // valid attempts only (every fourth request is one until one is accepted)
                    int before = sent;
                    for (int attempt = 0; attempt < 6 && created(path.getKey()) == 0; attempt++) {
                        fuzz("post", path.getKey(), path.getValue(), post, creating, 1);
                    }
                    if (sent == before) {
                        fuzz("post", path.getKey(), path.getValue(), post, creating, 1);
                    }
                }
            }
        }
        int operation = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (String method : METHODS) {
                JsonNode spec = path.getValue().get(method);
                if (spec != null) {
                    fuzz(method, path.getKey(), path.getValue(), spec, new Random(seed * 31 + operation++),
                            REQUESTS_PER_OPERATION);
                }
            }
        }
        return failures;
    }

    /** What the requests were answered, e.g. {@code {200=31, 400=812, 404=97}}, and what the fuzzer created. */
    public String summary() {
        Map<String, Integer> created = new java.util.TreeMap<>();
        known.forEach((collection, ids) -> created.put(collection, ids.size()));
        return "answers " + statuses + ", created " + created;
    }

    /** How many resources the fuzzer created in the collection {@code template} posts to. */
    private int created(String template) {
        String[] segments = template.split("/");
        return segments.length < 2 ? 0 : known.getOrDefault(segments[1], List.of()).size();
    }

    /** How many requests {@link #run} sent. */
    public int sent() {
        return sent;
    }

    private void fuzz(String method, String template, JsonNode pathItem, JsonNode operation, Random random, int requests) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        JsonNode accepted = null; // a body the service accepted: the broken ones are made from it, one thing wrong
        for (int i = 0; i < requests; i++) {
            // the first request of each operation is as valid as the schemas can make it, and every fourth until one
            // is accepted; the others have one thing wrong
            boolean valid = i == 0 || accepted == null && i % 4 == 0;
            String path = template;
            Map<String, String> query = new java.util.LinkedHashMap<>();
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            int broken = valid ? -1 : random.nextInt(Math.max(1, parameters.size() + (bodySchema.isMissingNode() ? 0 : 3)));
            for (int p = 0; p < parameters.size(); p++) {
                JsonNode parameter = resolve(parameters.get(p));
                String name = parameter.path("name").asText();
                String in = parameter.path("in").asText();
                String value = p == broken ? oddParameter(random)
                        : sample(parameter.path("schema"), random, name, in.equals("path") ? collectionBefore(template, name) : null);
                if (value == null) {
                    continue;
                }
                switch (in) {
                    case "path" -> path = path.replace("{" + name + "}", value);
                    case "query" -> query.put(name, value);
                    case "header" -> headers.put(name, value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)
                            ? "garbage" : value); // a header cannot carry control characters at all
                    default -> {
                    }
                }
            }
            if (headers.containsKey("If-Match") && !isIfMatch(parameters, broken)) {
                String current = currentTag(path);
                if (current != null) {
                    headers.put("If-Match", current);
                }
            }
            String body = null;
            if (!bodySchema.isMissingNode()) {
                JsonNode skeleton = accepted != null && !valid ? accepted : generate(bodySchema, random, 0, null);
                body = valid || broken < parameters.size() ? skeleton.toString() : mutate(skeleton, random);
                if (valid && send(method, template, path, query, headers, body, i) < 300) {
                    accepted = skeleton;
                }
                if (valid) {
                    continue;
                }
            }
            send(method, template, path, query, headers, body, i);
        }
    }

    private boolean isIfMatch(List<JsonNode> parameters, int index) {
        return index >= 0 && index < parameters.size() && "If-Match".equalsIgnoreCase(resolve(parameters.get(index)).path("name").asText());
    }

    /** The collection a path parameter names a member of: {@code wigs} for {@code /wigs/{wigId}/revise}. */
    private static String collectionBefore(String template, String parameter) {
        String[] segments = template.split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                return segments[i - 1];
            }
        }
        return null;
    }

    /** The ETag of the resource {@code path} acts on (its path up to the last id), or {@code null}. */
    private String currentTag(String path) {
        String[] segments = path.split("/");
        StringBuilder resource = new StringBuilder();
        String found = null;
        for (int i = 1; i < segments.length; i++) {
            resource.append('/').append(segments[i]);
            if (segments[i].matches("[0-9a-f-]{36}")) {
                found = resource.toString();
            }
        }
        if (found == null) {
            return null;
        }
        try {
            return SignedIn.withEveryRole().get(encodePath(found)).header("ETag");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Sends one request and checks its answer; answers its status (599 when it could not be sent). */
    private int send(String method, String template, String path, Map<String, String> query, Map<String, String> headers,
                     String body, int index) {
        long before = store.position();
        RequestSpecification request = SignedIn.withEveryRole().urlEncodingEnabled(true);
        headers.forEach(request::header);
        query.forEach(request::queryParam);
        if (body != null) {
            request.contentType("application/json").body(body);
        }
        String shown = abbreviate(method.toUpperCase() + " " + path + (query.isEmpty() ? "" : " " + query)
                + (headers.isEmpty() ? "" : " " + headers)) + (body == null ? "" : " " + abbreviate(body));
        Response response;
        try {
            response = request.request(method.toUpperCase(), encodePath(path));
        } catch (RuntimeException e) {
            failures.add("seed " + seed + " " + template + " #" + index + ": the request failed (" + e + "): " + shown);
            return 599;
        }
        sent++;
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        if (Boolean.getBoolean("fuzz.trace")) {
            System.out.println("FUZZ " + status + " " + shown + " -> " + abbreviate(response.asString()));
        }
        String location = response.header("Location");
        if (status == 201 && location != null) {
            String created = location.replaceFirst("^https?://[^/]+", "");
            String[] segments = created.split("/");
            if (segments.length >= 3) {
                known.computeIfAbsent(segments[1], k -> new ArrayList<>()).add(segments[2]);
            }
        }
        String contentType = response.contentType() == null ? "" : response.contentType();
        if (status >= 500) {
            failures.add("seed " + seed + " " + template + " #" + index + ": " + status + " for " + shown);
        } else if (status >= 400) {
            if (!contentType.startsWith("application/problem+json")) {
                failures.add("seed " + seed + " " + template + " #" + index + ": " + status + " without a problem ("
                        + contentType + ") for " + shown);
            }
            long after = store.position();
            if (after != before) {
                failures.add("seed " + seed + " " + template + " #" + index + ": " + status + " but events were stored for "
                        + shown);
            }
        } else {
            for (String misfit : store.misfitsAfter(before)) {
                failures.add("seed " + seed + " " + template + " #" + index + ": " + status + " stored " + misfit + " for "
                        + shown);
            }
        }
        return status;
    }

    /** Percent-escapes what a path segment cannot carry as it is (the fuzzer's odd values included). */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '/' || Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }

    // --- values ---------------------------------------------------------------------------------------------------

    private static final List<String> ODD_TEXT = List.of("", " ", "x".repeat(5000), "a\u0000b", "line\nbreak",
            "\u0007", "null", "true", "0", "-1", "1e-1001", "💥", "../../etc/passwd", "'; drop table event_store; --",
            "%00", "\u202e", "2026-13-45", "+999999999-12-31", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", "*");

    private static String oddParameter(Random random) {
        return ODD_TEXT.get(random.nextInt(ODD_TEXT.size()));
    }

    /** A plausible value of a parameter, or {@code null} to leave an optional one out. */
    private String sample(JsonNode schema, Random random, String name, String collection) {
        if ("If-Match".equalsIgnoreCase(name)) {
            return "\"" + (1 + random.nextInt(3)) + "\"";
        }
        if ("cursor".equals(name)) {
            return null; // only a cursor the API issued is one; the broken requests send others
        }
        if ("Idempotency-Key".equalsIgnoreCase(name)) {
            return random.nextBoolean() ? null : UUID.randomUUID().toString();
        }
        if (collection != null && known.containsKey(collection)) {
            List<String> ids = known.get(collection);
            return ids.get(random.nextInt(ids.size()));
        }
        JsonNode value = generate(schema, random, 0, name);
        if (value.isNull()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private JsonNode resolve(JsonNode node) {
        int guard = 0;
        while (node.has("$ref") && guard++ < 20) {
            String ref = node.get("$ref").asText();
            node = openApi.at(ref.substring(1));
        }
        return node;
    }

    /** A value that fits {@code schema} as far as the fuzzer can tell; {@code name} is the field's, if any. */
    private JsonNode generate(JsonNode schema, Random random, int depth, String name) {
        schema = resolve(schema);
        if (depth > 8) {
            return NODES.nullNode();
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator) && schema.get(combinator).size() > 0) {
                return generate(schema.get(combinator).get(0), random, depth + 1, name);
            }
        }
        if (schema.has("example") && !schema.get("example").asText().startsWith("2022-03-10")) {
            return schema.get("example"); // (2022-03-10 is the generator's placeholder for any date, not an example)
        }
        if (schema.has("examples") && schema.get("examples").isArray() && schema.get("examples").size() > 0
                && !schema.get("examples").get(0).asText().startsWith("2022-03-10")) {
            return schema.get("examples").get(0);
        }
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        String type = typeOf(schema);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                java.util.Set<String> required = new java.util.HashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    if (field.getValue().path("readOnly").asBoolean(false)
                            || !required.contains(field.getKey()) && random.nextInt(3) == 0) {
                        continue; // an optional field is left out now and then: together they may not fit
                    }
                    object.set(field.getKey(), generate(field.getValue(), random, depth + 1, field.getKey()));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(generate(schema.path("items"), random, depth + 1, null));
                return array;
            }
            case "integer" -> {
                return NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            }
            case "number" -> {
                return NODES.numberNode(new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            case "string" -> {
                String collection = collectionOf(name);
                if ("uuid".equals(schema.path("format").asText()) && collection != null && known.containsKey(collection)) {
                    List<String> ids = known.get(collection);
                    return NODES.textNode(ids.get(random.nextInt(ids.size())));
                }
                return NODES.textNode("deadline".equals(name) ? "2027-06-30" : string(schema));
            }
            default -> {
                return NODES.nullNode();
            }
        }
    }

    /** The collection a field names a member of: {@code teams} for {@code teamId}, {@code lead-measures} for {@code leadMeasureId}. */
    private static String collectionOf(String field) {
        if (field == null || !field.endsWith("Id") || field.length() < 3) {
            return null;
        }
        String kebab = field.substring(0, field.length() - 2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        if (kebab.startsWith("parent-")) {
            kebab = kebab.substring("parent-".length());
        }
        return kebab.endsWith("y") ? kebab.substring(0, kebab.length() - 1) + "ies" : kebab + "s";
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "";
    }

    private static String string(JsonNode schema) {
        return switch (schema.path("format").asText("")) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-11-02";
            case "date-time" -> "2026-11-02T09:00:00Z";
            default -> {
                String pattern = schema.path("pattern").asText("");
                if (pattern.isEmpty()) {
                    yield "Fuzzed text";
                }
                yield pattern.contains("-W") ? "2026-W48" : pattern.startsWith("^[a-z]") ? "workplace-visit" : "2026-11";
            }
        };
    }

    // --- mutations ------------------------------------------------------------------------------------------------

    private String mutate(JsonNode skeleton, Random random) {
        int kind = random.nextInt(12);
        switch (kind) {
            case 0 -> {
                return List.of("", "{", "[]", "null", "{\"a\":}", "{\"x\": 1", "\"text\"", "NaN", "{} {}", "\u0000")
                        .get(random.nextInt(10));
            }
            case 1 -> {
                // a key twice: which value was meant?
                if (skeleton instanceof ObjectNode object && object.size() > 0) {
                    String name = object.fieldNames().next();
                    String text = object.toString();
                    return "{\"" + name + "\": " + object.get(name) + ", " + text.substring(1);
                }
                return "{\"a\": 1, \"a\": 2}";
            }
            case 2 -> {
                String text = skeleton.toString();
                // a number no decimal type holds
                return text.replaceFirst("(?<=[:\\[,] ?)-?\\d+(\\.\\d+)?(?=[,}\\]])",
                        List.of("1e-1001", "1e400", "-1e400", "1e-20000", "99999999999999999999999", "NaN", "-0.0000001",
                                "1.5", "-1", "0").get(random.nextInt(10)));
            }
            default -> {
                JsonNode copy = skeleton.deepCopy();
                List<Leaf> leaves = new ArrayList<>();
                leaves(copy, null, null, -1, leaves);
                if (leaves.isEmpty()) {
                    return copy.toString();
                }
                // a wrong value where it hurts most: a date where a date goes, a number where a number goes
                List<Leaf> fitting = leaves.stream().filter(l -> switch (kind) {
                    case 8 -> l.value().isTextual();
                    case 9 -> l.value().isNumber();
                    case 10 -> l.value().isTextual() && l.value().asText().matches("\\d{4}-\\d{2}.*");
                    default -> true;
                }).toList();
                List<Leaf> candidates = fitting.isEmpty() ? leaves : fitting;
                Leaf leaf = candidates.get(random.nextInt(candidates.size()));
                leaf.set(odd(leaf.value(), random, kind));
                return copy.toString();
            }
        }
    }

    private static JsonNode odd(JsonNode current, Random random, int kind) {
        return switch (kind) {
            case 3 -> null; // removed
            case 4 -> NODES.nullNode();
            case 5 -> current.isTextual() ? NODES.numberNode(7) : NODES.textNode("seven");
            case 6 -> NODES.objectNode().put("nested", true);
            case 7 -> NODES.arrayNode().add(NODES.nullNode());
            case 8 -> NODES.textNode(ODD_TEXT.get(random.nextInt(ODD_TEXT.size())));
            case 9 -> NODES.numberNode(List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, 2_147_483_648L)
                    .get(random.nextInt(5)));
            case 10 -> NODES.textNode(List.of("+999999999-12-31", "-4714-01-01", "2026-02-30", "1999-12-31",
                    "2026-11-02T25:00:00Z", "-4714-01-01T00:00:00Z", "2101-01-01", "0000-01-01").get(random.nextInt(8)));
            default -> {
                ArrayNode many = NODES.arrayNode();
                for (int i = 0; i < 1000; i++) {
                    many.add(current == null ? NODES.nullNode() : current);
                }
                yield many;
            }
        };
    }

    private record Leaf(JsonNode parent, String field, int index, JsonNode value) {
        void set(JsonNode replacement) {
            if (parent instanceof ObjectNode object) {
                if (replacement == null) {
                    object.remove(field);
                } else {
                    object.set(field, replacement);
                }
            } else if (parent instanceof ArrayNode array) {
                if (replacement == null) {
                    array.remove(index);
                } else {
                    array.set(index, replacement);
                }
            }
        }
    }

    private static void leaves(JsonNode node, JsonNode parent, String field, int index, List<Leaf> found) {
        if (parent != null) {
            found.add(new Leaf(parent, field, index, node));
        }
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(entry -> leaves(entry.getValue(), object, entry.getKey(), -1, found));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                leaves(array.get(i), array, null, i, found);
            }
        }
    }

    private static String abbreviate(String text) {
        String shown = text.replaceAll("(.)\\1{20,}", "$1$1$1…");
        shown = shown.length() > 300 ? shown.substring(0, 300) + "…(" + text.length() + " chars)" : shown;
        return shown.replace("\u0000", "\\u0000");
    }
}
