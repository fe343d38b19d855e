package org.learningloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * R17: each service's resident memory after the run's load and its time from launch to ready, against the no-op
 * service's, all started by the harness with the same JVM options (one at a time, on the same machine). The no-op's
 * memory is taken once, after {@link #WARM_UP_RATE} requests a second for a level, before any other row's load
 * reaches it: the same in every run, whichever rows run (R15 later offers it thousands a second).
 */
final class ProcessRows {

    /** The no-op service's warm-up before its memory is read: requests a second, for one level's seconds. */
    static final int WARM_UP_RATE = 200;

    private ProcessRows() {
    }

    /** The no-op service's resident memory, in MB, after its warm-up. */
    static double noopAfterWarmUp(Stack stack, LoadRunner load) {
        load.run("R17 no-op warm-up", WARM_UP_RATE, java.util.Map.of("bench.kind", "get",
                "bench.url", stack.url(Stack.NOOP) + "/noop", "bench.token", Stack.adminToken()));
        double rss = stack.process(Stack.NOOP).residentBytes() / 1e6;
        Progress.say("R17 no-op service: %.0f MB resident after %d requests/s for %d s", rss, WARM_UP_RATE,
                load.totalSeconds());
        return rss;
    }

    static List<Row> measure(Stack stack, double noopRss) {
        double noopReady = stack.readyAfter(Stack.NOOP).toMillis() / 1000.0;
        List<Row> rows = new ArrayList<>();
        for (String service : Stack.SERVICES) {
            rows.add(new Row("R17", service + " resident memory after the run", stack.process(service).residentBytes() / 1e6,
                    "MB", "no-op Quarkus service's after " + WARM_UP_RATE + " requests/s", noopRss, Row.Target.atMost(2.6), ""));
        }
        for (String service : Stack.SERVICES) {
            rows.add(new Row("R17", service + " seconds from launch to ready", stack.readyAfter(service).toMillis() / 1000.0,
                    "s", "no-op Quarkus service's", noopReady, Row.Target.atMost(1.7),
                    String.format(Locale.ROOT, "JVM options: %s", stack.jvmOptions().isEmpty() ? "none (JVM defaults)"
                            : String.join(" ", stack.jvmOptions()))));
        }
        return rows;
    }
}
