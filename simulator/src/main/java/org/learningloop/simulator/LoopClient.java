package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A client of the four services' public REST APIs, nothing else: JSON in and out, {@code Idempotency-Key}
 * on creations, {@code If-Match} from a fresh read on changes, a problem answer as {@link ApiProblem}; signed in with
 * the bearer token its token source gives for each request (none: anonymous).
 */
public final class LoopClient {

    /** The services by their base URLs, e.g. {@code http://localhost:8081}. */
    public record Endpoints(URI goal, URI activity, URI learning, URI reporting) {

        public static Endpoints local() {
            return new Endpoints(URI.create("http://localhost:8081"), URI.create("http://localhost:8082"),
                    URI.create("http://localhost:8083"), URI.create("http://localhost:8084"));
        }
    }

    /** An answer: status, body (empty object when none) and {@code ETag}. */
    public record Answer(int status, JsonNode body, String etag) {
    }

    private static final int ATTEMPTS_ON_STALE = 5;

    private final HttpClient http;
    private final ObjectMapper json;
    private final Endpoints endpoints;
    private final Supplier<String> accessToken;
    /** A person this client acts for on the current thread ({@link #actingAs}), instead of its own identity. */
    private final ThreadLocal<Supplier<String>> actingFor = new ThreadLocal<>();
    /** The W3C trace context the requests on the current thread continue ({@link #inTrace}). */
    private final ThreadLocal<String> traceparent = new ThreadLocal<>();

    /** An anonymous client: the services answer it 401, but for their health and OpenAPI documents. */
    public LoopClient(Endpoints endpoints, ObjectMapper json) {
        this(endpoints, json, () -> null);
    }

    /** A client signed in with the bearer token {@code accessToken} gives (asked for each request: tokens expire). */
    public LoopClient(Endpoints endpoints, ObjectMapper json, Supplier<String> accessToken) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), endpoints, json, accessToken);
    }

    private LoopClient(HttpClient http, Endpoints endpoints, ObjectMapper json, Supplier<String> accessToken) {
        this.http = http;
        this.endpoints = endpoints;
        this.json = json;
        this.accessToken = accessToken;
    }

    /** The same client signed in as somebody else (e.g. the ops role for {@code /admin}). */
    public LoopClient as(Supplier<String> otherToken) {
        return new LoopClient(http, endpoints, json, otherToken);
    }

    /**
     * Runs {@code calls} signed in with {@code token} (a person's) instead of this client's own identity, on this
     * thread; the client's own identity again afterwards.
     */
    public <T> T actingAs(Supplier<String> token, Supplier<T> calls) {
        Supplier<String> before = actingFor.get();
        actingFor.set(token);
        try {
            return calls.get();
        } finally {
            if (before == null) {
                actingFor.remove();
            } else {
                actingFor.set(before);
            }
        }
    }

    /**
     * Runs {@code calls} as part of the trace {@code traceparent} (a W3C {@code traceparent}: every request sends it,
     * so the services' spans, events and log lines carry its trace id), on this thread.
     */
    public <T> T inTrace(String traceparent, Supplier<T> calls) {
        String before = this.traceparent.get();
        this.traceparent.set(traceparent);
        try {
            return calls.get();
        } finally {
            if (before == null) {
                this.traceparent.remove();
            } else {
                this.traceparent.set(before);
            }
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public ObjectNode object() {
        return json.createObjectNode();
    }

    public ObjectMapper json() {
        return json;
    }

    public JsonNode get(URI base, String path) {
        return send("GET", base, path, null, null, null).body();
    }

    public Answer getAnswer(URI base, String path) {
        return send("GET", base, path, null, null, null);
    }

    /** A creating POST; the same key and body give the same resource again (the services' idempotent creation). */
    public JsonNode create(URI base, String path, JsonNode body, String idempotencyKey) {
        return send("POST", base, path, body, idempotencyKey, null).body();
    }

    /** A POST without preconditions. */
    public JsonNode post(URI base, String path, JsonNode body) {
        return send("POST", base, path, body, null, null).body();
    }

    /**
     * A change guarded by {@code If-Match}: reads {@code resourcePath} for its current {@code ETag}, then sends
     * the change; on 412 (someone changed it meanwhile, e.g. a consumer) it reads and tries again.
     */
    public JsonNode change(URI base, String method, String resourcePath, String path, JsonNode body) {
        return changeIf(base, method, resourcePath, path, body, current -> true);
    }

    /**
     * As {@link #change}, but only when {@code needed} holds for the resource as read (so a change made
     * already is not made again); then answers the resource as read.
     */
    public JsonNode changeIf(URI base, String method, String resourcePath, String path, JsonNode body,
                             Predicate<JsonNode> needed) {
        for (int attempt = 1; ; attempt++) {
            Answer current = send("GET", base, resourcePath, null, null, null);
            if (!needed.test(current.body())) {
                return current.body();
            }
            try {
                return send(method, base, path, body, null, current.etag()).body();
            } catch (ApiProblem problem) {
                if (problem.status() != 412 || attempt == ATTEMPTS_ON_STALE) {
                    throw problem;
                }
            }
        }
    }

    /**
     * Reads {@code path} until {@code until} holds: the services meet only on Kafka, so what one publishes
     * reaches another a moment later. Fails with the last answer after {@code timeout}.
     */
    public JsonNode await(URI base, String path, Predicate<JsonNode> until, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        String lastError = null;
        while (true) {
            try {
                last = get(base, path);
                if (until.test(last)) {
                    return last;
                }
            } catch (ApiProblem problem) {
                lastError = problem.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + timeout.toSeconds() + " s for " + what + "; last answer of "
                        + base + path + ": " + (last != null ? last : lastError));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    Answer send(String method, URI base, String path, JsonNode body, String idempotencyKey, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        Supplier<String> person = actingFor.get();
        String token = (person != null ? person : accessToken).get();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (traceparent.get() != null) {
            request.header("traceparent", traceparent.get());
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String described = method + " " + base.resolve(path);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(described + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(described + " interrupted", e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ApiProblem(described, response.statusCode(), answer);
        }
        return new Answer(response.statusCode(), answer == null ? json.createObjectNode() : answer,
                response.headers().firstValue("ETag").orElse(null));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(body);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
