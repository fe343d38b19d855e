package org.learningloop.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * S1: a team's history page and its state at a recording time ({@code state?knownAt}), each answered by a
 * reporting-service holding a large data set against one holding a small one ({@link ScaleSets}): the same team, the
 * same events of its own, only the rest of the system grows. The figure is each query's median latency under open
 * load at {@value #RATE}/s.
 */
final class ScaleRow {

    static final int RATE = 10;
    /** How long a new set's reporting-service may take to read it (a first run reads ten million events). */
    private static final Duration INGEST_PATIENCE = Duration.ofHours(3);

    private final Stack stack;
    private final LoadRunner load;
    private final ScaleSets sets;

    ScaleRow(Stack stack, LoadRunner load, Path folder) {
        this.stack = stack;
        this.load = load;
        this.sets = new ScaleSets(stack, folder);
    }

    List<Row> measure(long smallEvents, long largeEvents) throws Exception {
        ScaleSets.Template template = sets.template();
        ScaleSets.DataSet small = sets.ensure(template, smallEvents);
        ScaleSets.DataSet large = sets.ensure(template, largeEvents);
        // both services up and caught up, then each query on one and the other in turn, so that whatever else the
        // machine does falls on both alike
        String largeService = sets.launch(large, INGEST_PATIENCE);
        String smallService = sets.launch(small, INGEST_PATIENCE);
        try {
            Queries smallQueries = new Queries(stack, smallService, template, small);
            Queries largeQueries = new Queries(stack, largeService, template, large);
            for (Queries queries : List.of(smallQueries, largeQueries)) {
                // uncounted: the service's code paths are compiled before the measured levels
                load.run(queries.label + " warm-up history", RATE * 5, get(queries.history));
                load.run(queries.label + " warm-up state", RATE * 5, get(queries.state));
            }
            LoadRunner.Level smallHistory = load.run(smallQueries.label + " history", RATE, get(smallQueries.history));
            LoadRunner.Level largeHistory = load.run(largeQueries.label + " history", RATE, get(largeQueries.history));
            LoadRunner.Level smallState = load.run(smallQueries.label + " state", RATE, get(smallQueries.state));
            LoadRunner.Level largeState = load.run(largeQueries.label + " state", RATE, get(largeQueries.state));
            String team = String.format(Locale.ROOT, "the team's %,d events of its own", template.records().stream()
                    .filter(record -> template.team().toString().equals(record.key())).count());
            return List.of(
                    row("history", String.format(Locale.ROOT, "median latency of a team history page "
                            + "(GET /teams/{id}/history), %,d events", large.events()), small.events(), largeHistory,
                            smallHistory, team),
                    row("state", String.format(Locale.ROOT, "median latency of a team's state?knownAt (half of its "
                            + "events), %,d events", large.events()), small.events(), largeState, smallState, team));
        } finally {
            stack.stop(smallService);
            stack.stop(largeService);
        }
    }

    /** The two queries on one set's service. */
    private static final class Queries {
        final String label;
        final String history;
        final String state;

        Queries(Stack stack, String service, ScaleSets.Template template, ScaleSets.DataSet set) {
            String base = stack.url(service) + "/teams/" + template.team();
            this.label = String.format(Locale.ROOT, "S1 %,d", set.events());
            this.history = base + "/history";
            this.state = base + "/state?knownAt=" + template.knownAt();
        }
    }

    private static Row row(String label, String figure, long smallEvents, LoadRunner.Level large, LoadRunner.Level small,
                           String team) {
        String reference = String.format(Locale.ROOT, "the same with %,d events", smallEvents);
        Row.Target target = Row.Target.atMost(1.5);
        if (!large.answered() || !small.answered()) {
            return Row.unmeasured("S1", figure, reference, target, label + ": not every answer was a 200 at " + RATE
                    + "/s; large: " + large + "; small: " + small);
        }
        return new Row("S1", figure, large.p50(), "ms", reference, small.p50(), target,
                team + "; large: " + large + "; small: " + small);
    }

    private static Map<String, String> get(String url) {
        return Map.of("bench.kind", "get", "bench.url", url, "bench.token", Stack.adminToken());
    }
}
