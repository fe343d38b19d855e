package org.learningloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.learningloop.testing.SignedIn.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * What every service answers, whatever its domain: extend it in a {@code @QuarkusTest} of the service.
 * The service is started against a real database (migrated) and a real broker (topics created).
 */
public abstract class ServiceBasicsTest {

    /** The management interface (health, metrics): a port of its own, never the clients'. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    /** Whether the service takes commands and stores their events (reporting-service only reads). */
    protected boolean storesEvents() {
        return true;
    }

    /**
     * Readiness is "can take commands" (ADR 20): the database and the relay, not the broker, which has a health
     * group of its own (FaultInjectionTest stops the broker and finds every service still ready).
     */
    @Test
    void isLiveAndReady_withDatabaseAndRelayChecks_andTheBrokerInAGroupOfItsOwn() {
        RestAssured.given().get(management + "health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.given().get(management + "health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItems("outbox-relay"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")))
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.containsStringIgnoringCase("kafka"))));
        RestAssured.given().get(management + "health/group/broker").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.contains("kafka-broker"))
                .body("checks[0].data.nodes", equalTo(1));
    }

    /** Every service answers the analysts' contract: each event type's JSON Schema, where ce_dataschema points. */
    @Test
    void servesTheSchemaOfEveryEventType_andA404ProblemForAnyOther() {
        given().get("/schemas").then().statusCode(200)
                .body("items.type", org.hamcrest.Matchers.hasItems("goal.wig-defined.v1", "goal.member-joined.v1",
                        "goal.member-joined.v2", "activity.carried-out.v1", "learning.wig-meeting-held.v1"))
                .body("items.find { it.type == 'goal.wig-defined.v1' }.schema", equalTo("/schemas/goal.wig-defined.v1"));
        given().get("/schemas/goal.member-joined.v2").then().statusCode(200)
                .body("'$id'", equalTo("urn:learning-loop:event:goal.member-joined.v2"))
                .body("properties.nameFingerprint", notNullValue());
        given().get("/schemas/goal.member-joined.v3").then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("unknown-event-type"));
        given().get("/schemas/" + "x".repeat(500)).then().statusCode(404).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.not(containsString("xxxxxxxxxx")));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        RestAssured.given().get(management + "metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().accept("application/json").get("/q/openapi").then().statusCode(200).body("openapi", notNullValue());
    }

    /**
     * The OpenAPI document, as clients' generators read it, passes an OpenAPI parser's validation: every reference
     * resolves and every required attribute is there (issue 16). The same check refuses the document with one
     * reference broken, so it can fail.
     */
    @Test
    void theOpenApiDocumentIsValid_byAnOpenApiParser() {
        String document = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openApiProblems(document)).as("what the parser finds wrong in /q/openapi").isEmpty();
        String reference = "(\"\\$ref\"\\s*:\\s*\"#/components/schemas/)";
        assertThat(java.util.regex.Pattern.compile(reference).matcher(document).find()).as("a reference to break").isTrue();
        String broken = document.replaceFirst(reference, "$1Missing");
        assertThat(openApiProblems(broken)).as("the parser finds a broken reference").isNotEmpty();
    }

    private static List<String> openApiProblems(String document) {
        io.swagger.v3.parser.core.models.ParseOptions options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        var parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(document, null, options);
        List<String> problems = new java.util.ArrayList<>(parsed.getMessages() == null ? List.of() : parsed.getMessages());
        if (parsed.getOpenAPI() == null || parsed.getOpenAPI().getPaths() == null || parsed.getOpenAPI().getPaths().isEmpty()) {
            problems.add("no operations");
        }
        return problems;
    }

    /** Health and metrics are for probes and Prometheus on the management port: the clients' port has neither. */
    @Test
    void servesHealthAndMetricsOnTheManagementPortOnly() {
        assertThat(management.getPort()).as("the management interface's port").isNotEqualTo(RestAssured.port);
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics")) {
            RestAssured.given().get(path).then().statusCode(404);
        }
    }

    /**
     * Clients generate code from the OpenAPI document: every success it documents says what comes back (a schema for
     * a body), and an operation that creates (its answer carries Location) documents 201, not 200 (issue 16).
     */
    @Test
    void everySuccessIsDocumentedWithWhatItReturns() {
        List<String> vague = new java.util.ArrayList<>();
        for (Operation operation : operations(OpenApiFuzzer.fetchOpenApi())) {
            for (var response = operation.node().path("responses").fields(); response.hasNext(); ) {
                var answer = response.next();
                if (!answer.getKey().startsWith("2") || answer.getKey().equals("204")) {
                    continue;
                }
                var content = answer.getValue().path("content");
                boolean described = content.isObject() && content.size() > 0;
                for (var type = content.fields(); type.hasNext(); ) {
                    var schema = type.next().getValue().path("schema");
                    if (schema.isMissingNode() || schema.isEmpty()) {
                        described = false;
                    }
                }
                if (!described) {
                    vague.add(operation.name() + " " + answer.getKey() + ": no schema of what it returns");
                }
            }
        }
        assertThat(vague).as("successes documented without what they return").isEmpty();
    }

    /**
     * The document is valid OpenAPI 3.1 where generators trip (issue 16): every operation has a unique operationId,
     * every header object a schema, every JSON request body an example, the document a server, and no pattern uses
     * what ECMA-262 regular expressions lack (inline flags).
     */
    @Test
    void everyOperationHasAnId_everyHeaderASchema_everyBodyAnExample_andEveryPatternIsPortable() {
        var openApi = OpenApiFuzzer.fetchOpenApi();
        List<String> ids = new java.util.ArrayList<>();
        List<String> problems = new java.util.ArrayList<>();
        for (Operation operation : operations(openApi)) {
            String id = operation.node().path("operationId").asText("");
            if (id.isEmpty()) {
                problems.add(operation.name() + ": no operationId");
            }
            ids.add(id);
            JsonNode body = operation.node().path("requestBody").path("content").path("application/json");
            if (!body.isMissingNode() && !body.has("example") && !body.has("examples")) {
                problems.add(operation.name() + ": a JSON request body without an example");
            }
            for (var response = operation.node().path("responses").fields(); response.hasNext(); ) {
                var answer = response.next();
                answer.getValue().path("headers").fields().forEachRemaining(header -> {
                    if (!header.getValue().has("schema") && !header.getValue().has("content")) {
                        problems.add(operation.name() + " " + answer.getKey() + " header " + header.getKey()
                                + ": no schema");
                    }
                });
            }
        }
        if (!openApi.path("servers").isArray() || openApi.path("servers").isEmpty()) {
            problems.add("no servers entry");
        }
        openApi.findValues("pattern").forEach(pattern -> {
            if (pattern.isTextual() && pattern.asText().contains("(?")) {
                problems.add("pattern " + pattern.asText() + ": inline flags are not ECMA-262");
            }
        });
        assertThat(problems).as("what makes the document invalid or ungenerable").isEmpty();
        assertThat(ids).as("operationIds").doesNotHaveDuplicates();
    }

    /** An operation of the OpenAPI document: {@code GET /wigs/{wigId}} and its object. */
    record Operation(String method, String path, com.fasterxml.jackson.databind.JsonNode node) {

        String name() {
            return method + " " + path;
        }
    }

    /** Every operation of the document. */
    static List<Operation> operations(com.fasterxml.jackson.databind.JsonNode openApi) {
        List<Operation> operations = new java.util.ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operations.add(new Operation(operation.getKey().toUpperCase(), path.getKey(), operation.getValue()))));
        return operations;
    }

    /** Every change of an existing resource names the version it was made on: If-Match required, 412 and 428 listed. */
    @Test
    void everyIfMatchIsRequired_andItsAnswersDocumented() {
        var openApi = OpenApiFuzzer.fetchOpenApi();
        List<String> undocumented = new java.util.ArrayList<>();
        int withIfMatch = 0;
        for (var path = openApi.path("paths").fields(); path.hasNext(); ) {
            var item = path.next();
            for (var operation = item.getValue().fields(); operation.hasNext(); ) {
                var entry = operation.next();
                for (var parameter : entry.getValue().path("parameters")) {
                    if ("If-Match".equalsIgnoreCase(parameter.path("name").asText())) {
                        withIfMatch++;
                        var responses = entry.getValue().path("responses");
                        if (!parameter.path("required").asBoolean(false) || !responses.has("412") || !responses.has("428")) {
                            undocumented.add(entry.getKey().toUpperCase() + " " + item.getKey());
                        }
                    }
                }
            }
        }
        assertThat(undocumented).as("If-Match not required or 412/428 not listed").isEmpty();
        System.out.printf("%d operations take If-Match%n", withIfMatch);
    }

    /**
     * Every operation of the service's own OpenAPI document, called without a token and with tokens it must refuse
     * (expired, signed by a key the issuer never published, issued for another audience, not a token at all): 401
     * problem+json with a Bearer challenge, and nothing stored. The document lists 401 and 403 problems for each
     * operation.
     */
    @Test
    void everyOperationRefusesCallersWithoutAValidToken() throws SQLException {
        var openApi = OpenApiFuzzer.fetchOpenApi();
        TestIdentityProvider issuer = TestIdentityProvider.get();
        String subject = java.util.UUID.randomUUID().toString();
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("no token", null);
        refused.put("expired", issuer.expiredToken(subject, "org-admin", "analyst", "ops"));
        refused.put("another key", issuer.tokenSignedByAnotherKey(subject, "org-admin", "analyst", "ops"));
        refused.put("another audience", issuer.tokenForAudience("another-app", subject, "org-admin", "analyst", "ops"));
        refused.put("not a token", "not-a-token");
        List<String> wrong = new java.util.ArrayList<>();
        int operations = 0;
        var config = ConfigProvider.getConfig();
        try (Connection database = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            StoredEvents store = new StoredEvents(database);
            long before = store.position();
            for (var path = openApi.path("paths").fields(); path.hasNext(); ) {
                var item = path.next();
                String concrete = item.getKey().replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
                for (var operation = item.getValue().fields(); operation.hasNext(); ) {
                    var entry = operation.next();
                    String method = entry.getKey().toUpperCase();
                    String name = method + " " + item.getKey();
                    operations++;
                    for (String status : new String[] {"401", "403"}) {
                        if (!entry.getValue().path("responses").path(status).path("content")
                                .has("application/problem+json")) {
                            wrong.add(name + ": " + status + " problem not documented");
                        }
                    }
                    for (var caller : refused.entrySet()) {
                        var request = RestAssured.given().contentType("application/json").accept("*/*")
                                .header("If-Match", "\"1\"").header("Idempotency-Key", "k-" + subject)
                                .body(method.equals("GET") || method.equals("DELETE") ? "" : "{}");
                        if (caller.getValue() != null) {
                            request.header("Authorization", "Bearer " + caller.getValue());
                        }
                        var answer = request.request(method, concrete);
                        if (answer.statusCode() != 401
                                || !answer.contentType().startsWith("application/problem+json")
                                || answer.header("WWW-Authenticate") == null
                                || !answer.header("WWW-Authenticate").startsWith("Bearer")) {
                            wrong.add(name + " with " + caller.getKey() + ": " + answer.statusCode() + " "
                                    + answer.contentType() + " " + answer.asString());
                        }
                    }
                }
            }
            assertThat(store.position()).as("events stored by refused callers").isEqualTo(before);
        }
        assertThat(operations).isPositive();
        assertThat(wrong).as("operations that did not refuse a caller without a valid token").isEmpty();
        System.out.printf("%d operations × %d refused callers: 401 problem each%n", operations, refused.size());
    }

    /**
     * Hostile input of every kind, generated from the service's own OpenAPI document: no 5xx, a problem for every
     * refusal, nothing stored for one, and nothing stored that its schema refuses (before: 224 × 500 over 18,869
     * requests to the four services, and 13 stored events their own schema refused).
     */
    @Test
    void survivesTheFuzzer_noServerError_aProblemForEveryRefusal_andNothingStoredForOne() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (Connection database = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            StoredEvents store = new StoredEvents(database);
            long before = store.position();
            OpenApiFuzzer fuzzer = new OpenApiFuzzer(OpenApiFuzzer.fetchOpenApi(), OpenApiFuzzer.seed(), store);
            List<String> failures = fuzzer.run();
            // each event the fuzzer's requests caused records who sent them: the token's subject, nobody else
            java.util.Map<String, Long> actors = store.actorsAfter(before);
            if (storesEvents()) {
                assertThat(actors).as("actors of the events the fuzzer caused").containsOnlyKeys(SignedIn.ADMIN);
            } else {
                assertThat(actors).as("events stored by a service that stores none").isEmpty();
            }
            System.out.printf("Fuzzed %d requests (%d per operation, seed %d): %d failures; %s%n", fuzzer.sent(),
                    OpenApiFuzzer.REQUESTS_PER_OPERATION, OpenApiFuzzer.seed(), failures.size(), fuzzer.summary());
            assertThat(fuzzer.sent()).isGreaterThan(OpenApiFuzzer.REQUESTS_PER_OPERATION);
            assertThat(failures).as("replay with -Dfuzz.seed=" + OpenApiFuzzer.seed()).isEmpty();
        }
    }

    /** The service's event store (none for reporting-service), read straight from its database. */
    private record StoredEvents(Connection database) implements OpenApiFuzzer.Store {

        private static final EventCatalog ALL =
                EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);

        @Override
        public long position() {
            if (!exists()) {
                return 0;
            }
            try (var statement = database.createStatement();
                 var rows = statement.executeQuery("select coalesce(max(global_position), 0) from event_store")) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                throw new AssertionError("Cannot read the event store", e);
            }
        }

        @Override
        public List<String> misfitsAfter(long position) {
            List<String> misfits = new java.util.ArrayList<>();
            if (!exists()) {
                return misfits;
            }
            try (var statement = database.prepareStatement(
                    "select event_type, type_version, payload::text from event_store where global_position > ?")) {
                statement.setLong(1, position);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        EventType<?> type = ALL.typeAt(rows.getString(1), rows.getInt(2)).orElseThrow();
                        List<EventSchemas.Violation> violations = EventSchemas.check(type, rows.getString(3));
                        if (!violations.isEmpty()) {
                            misfits.add("a " + type.ceType() + " its schema refuses: " + violations);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError("Cannot read the event store", e);
            }
            return misfits;
        }

        /** How many events stored after {@code position} each actor caused ({@code "(none)"}: no actor). */
        java.util.Map<String, Long> actorsAfter(long position) {
            java.util.Map<String, Long> actors = new java.util.TreeMap<>();
            if (!exists()) {
                return actors;
            }
            try (var statement = database.prepareStatement("select coalesce(metadata ->> 'actor', '(none)'), count(*) "
                    + "from event_store where global_position > ? group by 1")) {
                statement.setLong(1, position);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        actors.put(rows.getString(1), rows.getLong(2));
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError("Cannot read the event store", e);
            }
            return actors;
        }

        boolean exists() {
            try (var statement = database.createStatement();
                 var rows = statement.executeQuery("select to_regclass('event_store') is not null")) {
                rows.next();
                return rows.getBoolean(1);
            } catch (SQLException e) {
                throw new AssertionError("Cannot read the database", e);
            }
        }
    }

    /** The HTTP layer's own refusals are problems too (before, 413, 414 and a bad escape came back with no body). */
    @Test
    void answersTooLargeBodiesTooLongUrisAndBrokenEscapesWithProblems() {
        // the answer comes before the body is read: the client announces 20 MB and waits for it
        assertThat(raw("POST /nowhere HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20000000\r\n\r\n")).startsWith("HTTP/1.1 413")
                .containsIgnoringCase("content-type: application/problem+json").contains("\"code\":\"content-too-large\"");
        given().get("/nowhere?q=" + "a".repeat(10_000))
                .then().statusCode(414).contentType("application/problem+json").body("code", equalTo("uri-too-long"));
        for (String broken : new String[] {"/nowhere?q=%e2%28", "/nowhere/%c3", "/nowhere/%ff%fe"}) {
            assertThat(rawGet(broken)).as(broken).startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("content-type: application/problem+json").contains("\"code\":\"malformed-uri\"");
        }
        // a % without two hex digits breaks the request line itself: the HTTP decoder refuses it before any route
        // (400, no body, connection closed), see the README's API conventions
        for (String broken : new String[] {"/nowhere/%zz", "/nowhere/%", "/nowhere?q=%zz"}) {
            assertThat(rawGet(broken)).as(broken).startsWith("HTTP/1.1 400");
        }
        assertThat(rawGet("/nowhere/%C3%A5?q=a+b%20c")).startsWith("HTTP/1.1 404")
                .containsIgnoringCase("content-type: application/problem+json");
    }

    /** A GET sent as written, escapes and all (HTTP clients refuse to send a malformed URI). */
    private static String rawGet(String target) {
        return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as written and reads one answer: its head and as much body as it announces. */
    private static String raw(String request) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            var in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            int headEnd = -1;
            while (headEnd < 0) {
                int b = in.read();
                if (b < 0) {
                    return answer.toString(StandardCharsets.UTF_8);
                }
                answer.write(b);
                headEnd = answer.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            }
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
                    .matcher(answer.toString(StandardCharsets.ISO_8859_1));
            answer.write(in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0));
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No CORS: a page of another origin gets no Access-Control-Allow-Origin, so a browser keeps its answers from it. */
    @Test
    void sendsNoCorsHeadersToAnotherOrigin() {
        var preflight = RestAssured.given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").options("/q/openapi");
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        var read = given().header("Origin", "https://evil.example").get("/q/openapi");
        assertThat(read.header("Access-Control-Allow-Origin")).isNull();
        assertThat(read.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        given().get("/nowhere/at/all").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("instance", equalTo("/nowhere/at/all"));
    }
}
