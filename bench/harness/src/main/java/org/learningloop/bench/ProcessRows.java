package org.learningloop.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * R17: each service's resident memory after the run's load and its time from launch to ready, against the no-op
 * service's, all started by the harness with the same JVM options (one at a time, on the same machine).
 */
final class ProcessRows {

    private ProcessRows() {
    }

    static List<Row> measure(Stack stack) {
        double noopRss = stack.process(Stack.NOOP).residentBytes() / 1e6;
        double noopReady = stack.readyAfter(Stack.NOOP).toMillis() / 1000.0;
        List<Row> rows = new ArrayList<>();
        for (String service : Stack.SERVICES) {
            rows.add(new Row("R17", service + " resident memory after the run", stack.process(service).residentBytes() / 1e6,
                    "MB", "no-op Quarkus service's", noopRss, Row.Target.atMost(2.6), ""));
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
