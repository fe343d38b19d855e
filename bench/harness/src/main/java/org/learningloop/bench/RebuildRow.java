package org.learningloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * R11: a reporting-service rebuilds each of its projections from offset 0 ({@code POST /admin/projections/{name}/rebuild},
 * one after the other, while the live generations keep serving), until the new generation is switched live; events
 * applied per second over all of them. The service is one of a data set of its own ({@link ScaleSets}: a million
 * events by default), so the row measures the same data on a fresh clone as after many runs. The reference is what the database takes in the same shape without the
 * projection runtime: 500-row batched upserts from one client, measured before and after the rebuilds (their mean).
 * Each rebuild and each reference starts on a settled database ({@code CHECKPOINT}): a rebuilt generation leaves about
 * a gigabyte for PostgreSQL to write out, and what it writes during the next step is not that step's cost.
 */
final class RebuildRow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Stack stack;
    private final String service;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The projections of the stack's own reporting-service. */
    RebuildRow(Stack stack) {
        this(stack, "reporting-service");
    }

    /** The projections of {@code service}, a reporting-service the stack launched. */
    RebuildRow(Stack stack, String service) {
        this.stack = stack;
        this.service = service;
    }

    Row measure(StoreRows store) throws Exception {
        List<String> names = new ArrayList<>();
        get("/admin/projections", Stack.opsToken()).path("items").forEach(item -> names.add(item.path("name").asText()));
        long events = 0;
        double seconds = 0;
        List<String> each = new ArrayList<>();
        for (String name : names) {
            awaitNoRebuild(name);
        }
        int referenceRows = 500_000;
        // the reference before and after the rebuilds, each on a settled database: one measured right after a
        // rebuild, while PostgreSQL still wrote out its gigabyte, ranged from 52,000 to 84,000 rows/s
        store.settle();
        double referenceBefore = store.upsertRowsPerSecond(referenceRows, 500);
        for (String name : names) {
            store.settle();
            Rebuild rebuild = rebuild(name);
            events += rebuild.events();
            seconds += rebuild.seconds();
            each.add(String.format(Locale.ROOT, "%s %,d in %.1f s", name, rebuild.events(), rebuild.seconds()));
            Progress.say("R11 rebuilt %s: %,d events in %.1f s", name, rebuild.events(), rebuild.seconds());
        }
        double rate = events / seconds;
        store.settle();
        double referenceAfter = store.upsertRowsPerSecond(referenceRows, 500);
        each.add(String.format(Locale.ROOT, "reference %,.0f /s before the rebuilds, %,.0f /s after (their mean)",
                referenceBefore, referenceAfter));
        return new Row("R11", "projection rebuild from offset 0, events/s (every reporting projection)", rate, "/s",
                "500-row batched UPSERT rows/s, one client", (referenceBefore + referenceAfter) / 2,
                Row.Target.atLeast(0.5), String.join("; ", each));
    }

    /** A rebuild: the events the new generation applied and the seconds from asking to its switch to live. */
    record Rebuild(long events, double seconds) {
    }

    /** Rebuilds {@code name} from offset 0 and waits until the new generation is live. */
    Rebuild rebuild(String name) throws Exception {
        String token = Stack.opsToken();
        int before = get("/admin/projections/" + name, token).path("liveGeneration").asInt();
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(request("/admin/projections/" + name + "/rebuild", token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("rebuild of " + name + " answered " + answer.statusCode() + ": " + answer.body());
        }
        JsonNode status;
        while (true) {
            status = get("/admin/projections/" + name, token);
            if ((status.path("rebuild").isNull() || status.path("rebuild").isMissingNode())
                    && status.path("liveGeneration").asInt() != before) {
                break;
            }
            if (System.nanoTime() - started > 1_800_000_000_000L) {
                throw new IllegalStateException("the rebuild of " + name + " took more than 30 minutes: " + status);
            }
            Thread.sleep(50);
        }
        return new Rebuild(status.path("eventsApplied").asLong(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Waits while {@code name} rebuilds of its own accord (a service whose projection's version is newer than its
     * live generation's rebuilds it at start, ADR 9), so that rebuild is not charged to another projection's.
     */
    private void awaitNoRebuild(String name) throws Exception {
        long started = System.nanoTime();
        boolean said = false;
        while (true) {
            JsonNode rebuild = get("/admin/projections/" + name, Stack.opsToken()).path("rebuild");
            if (rebuild.isNull() || rebuild.isMissingNode()) {
                return;
            }
            if (!said) {
                Progress.say("R11 waits for the rebuild of %s the service started itself", name);
                said = true;
            }
            if (System.nanoTime() - started > 1_800_000_000_000L) {
                throw new IllegalStateException("the service's own rebuild of " + name + " took more than 30 minutes");
            }
            Thread.sleep(500);
        }
    }

    /** The events {@code name}'s live generation has applied so far. */
    long liveEventsApplied(String name) throws Exception {
        return get("/admin/projections/" + name, Stack.opsToken()).path("eventsApplied").asLong();
    }

    /** The fewest events any of the projections' live generations has applied (0 while it is not answering). */
    long leastEventsApplied() throws InterruptedException {
        return eventsApplied().values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** The events each projection's live generation has applied, by name (none while it is not answering). */
    Map<String, Long> eventsApplied() throws InterruptedException {
        Map<String, Long> applied = new TreeMap<>();
        try {
            for (JsonNode item : get("/admin/projections", Stack.opsToken()).path("items")) {
                applied.put(item.path("name").asText(), item.path("eventsApplied").asLong());
            }
            return applied;
        } catch (IOException | IllegalStateException e) {
            return Map.of();
        }
    }

    private JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(stack.url(service) + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
    }
}
