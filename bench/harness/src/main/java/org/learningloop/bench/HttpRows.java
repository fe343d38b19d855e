package org.learningloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** R15, R16 and S2: the services' HTTP figures under Gatling's open-model load, and their references. */
final class HttpRows {

    private final Stack stack;
    private final Fixture fixture;
    private final LoadRunner load;
    private final Path work;

    HttpRows(Stack stack, Fixture fixture, LoadRunner load, Path work) {
        this.stack = stack;
        this.fixture = fixture;
        this.load = load;
        this.work = work;
    }

    /** The no-op service's capacity at p99 ≤ 50 ms: R15's reference. */
    LoadRunner.Level noop() {
        return get("noop", stack.url(Stack.NOOP) + "/noop");
    }

    /** R15: a read model's query capacity at p99 ≤ 50 ms against the no-op endpoint's. */
    Row query(String id, String label, String what, String service, String path, LoadRunner.Level noop) {
        LoadRunner.Level level = get(id + " " + label, stack.url(service) + path);
        return capacityRow(id, what + " req/s at p99 ≤ " + LoadRunner.P99_BOUND_MS + " ms", level,
                "no-op Quarkus endpoint req/s at p99 ≤ " + LoadRunner.P99_BOUND_MS + " ms", noop, 0.4);
    }

    /** R16: carrying out planned activities (each request a different activity) against plain INSERT transactions. */
    Row carryOut(double insertsPerSecond) throws Exception {
        String body = String.format(Locale.ROOT, "{\"carriedOutAt\":\"%s\",\"presence\":4,\"focus\":4,"
                        + "\"intentionReached\":\"yes\",\"adaptations\":[],\"outcomes\":{\"membersRecruited\":1}}",
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        String activityUrl = stack.url("activity-service") + "/activities/";
        LoadRunner.Level level = load.capacity("R16 carry-out", 25, 3200, rate -> {
            settle();
            int warmup = (int) Math.ceil(rate * (load.totalSeconds() - load.measuredSeconds()) * 1.05) + 5;
            int measured = (int) Math.ceil(rate * load.measuredSeconds() * 1.05) + 5;
            Progress.say("R16 planning %d activities for %.0f/s", warmup + measured, rate);
            try {
                List<UUID> planned = fixture.planActivities(warmup + measured);
                String ifMatch = fixture.etag(stack.url("activity-service"), "/activities/" + planned.get(0));
                String quoted = "\"" + ifMatch.replace("\"", "\"\"") + "\"";
                Path feeder = work.resolve("carry-out-" + Math.round(rate));
                feed(feeder.resolveSibling(feeder.getFileName() + "-warm-up.csv"), planned.subList(0, warmup), activityUrl, quoted);
                feed(feeder.resolveSibling(feeder.getFileName() + "-measured.csv"), planned.subList(warmup, planned.size()),
                        activityUrl, quoted);
                return Map.of("bench.kind", "fed-post", "bench.feeder", feeder.toString(), "bench.body", body,
                        "bench.token", Stack.adminToken());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Row row = level == null
                ? Row.unmeasured("R16", "carry out an activity: req/s at p99 ≤ 50 ms", "single-row INSERT tps, 16 JDBC clients",
                Row.Target.atLeast(0.4), "not sustained even at 1/s")
                : new Row("R16", "carry out an activity (POST /activities/{id}/carry-out): req/s at p99 ≤ "
                + LoadRunner.P99_BOUND_MS + " ms", level.achievedRate(), "/s", "single-row INSERT tps, 16 JDBC clients",
                insertsPerSecond, Row.Target.atLeast(0.4), level.toString());
        return row;
    }

    /** S2: a command's median latency on a stream of {@code longEvents} events against one of {@code shortEvents}. */
    Row longStream(int shortEvents, int longEvents) {
        settle();
        LoadRunner.Level shortLevel = change("S2 short", fixture.wigWithEvents("short", shortEvents));
        LoadRunner.Level longLevel = change("S2 long", fixture.wigWithEvents("long", longEvents));
        return new Row("S2", String.format(Locale.ROOT, "median latency of a command (lag reading) on a stream of %,d events",
                longEvents), longLevel.p50(), "ms", String.format(Locale.ROOT, "the same on a stream of %,d events",
                shortEvents), shortLevel.p50(), Row.Target.atMost(1.5),
                "long: " + longLevel + "; short: " + shortLevel);
    }

    private static void feed(Path file, List<UUID> activities, String activityUrl, String ifMatch) throws IOException {
        List<String> lines = new ArrayList<>(List.of("url,ifMatch"));
        activities.forEach(id -> lines.add(activityUrl + id + "/carry-out," + ifMatch));
        Files.write(file, lines);
    }

    private LoadRunner.Level change(String label, UUID wig) {
        settle();
        String body = "{\"period\":\"" + java.time.YearMonth.from(fixture.start) + "\",\"value\":#{randomInt(12,1000)}}";
        return load.run(label, 4, Map.of("bench.kind", "change", "bench.read", stack.url("goal-service") + "/wigs/" + wig,
                "bench.url", stack.url("goal-service") + "/wigs/" + wig + "/lag-readings", "bench.body", body,
                "bench.token", Stack.adminToken()));
    }

    private LoadRunner.Level get(String label, String url) {
        return load.capacity(label, 100, 12_800, rate -> {
            settle();
            return Map.of("bench.kind", "get", "bench.url", url, "bench.token", Stack.adminToken());
        });
    }

    /** Each level starts on a stack that has finished the work of the level before. */
    private void settle() {
        try {
            stack.awaitIdle(Duration.ofMinutes(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Row capacityRow(String id, String figure, LoadRunner.Level level, String reference,
                                   LoadRunner.Level referenceLevel, double target) {
        if (level == null || referenceLevel == null) {
            return Row.unmeasured(id, figure, reference, Row.Target.atLeast(target),
                    (level == null ? "the figure" : "the reference") + " was not sustained even at 1/s");
        }
        return new Row(id, figure, level.achievedRate(), "/s", reference, referenceLevel.achievedRate(),
                Row.Target.atLeast(target), level + "; reference " + referenceLevel);
    }
}
