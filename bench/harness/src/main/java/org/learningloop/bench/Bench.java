package org.learningloop.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/loop bench}: measures the system's figures and their raw references side by side in one run on this
 * machine and prints the table (figure, reference, ratio, target, pass/short). See BENCHMARKS.md.
 *
 * <pre>
 * bin/loop bench [--rows R1,R4,…] [--seconds N] [--long-stream N] [--s1-events N] [--r11-events N]
 * </pre>
 */
public final class Bench {

    static final List<String> ALL_ROWS = List.of("JMH", "R1", "R14", "R4", "R15", "R16", "S2", "R11", "R17",
            "S1", "R12");

    /** S1's reference: the events of the small data set. */
    static final int SCALE_REFERENCE_EVENTS = 10_000;

    private Bench() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        // the identity provider's and the clients' threads would keep the JVM alive
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Set<String> rows = new LinkedHashSet<>(ALL_ROWS);
        int seconds = 10;
        int longStream = 10_000;
        int scaleEvents = 10_000_000;
        int rebuildEvents = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> {
                    if (i + 1 >= args.length) {
                        System.err.println("--rows takes some of " + String.join(",", ALL_ROWS));
                        System.exit(2);
                    }
                    rows = new LinkedHashSet<>(Arrays.asList(args[++i].toUpperCase(Locale.ROOT).split(",")));
                    if (!ALL_ROWS.containsAll(rows)) {
                        System.err.println("--rows takes some of " + String.join(",", ALL_ROWS));
                        System.exit(2);
                    }
                }
                case "--seconds" -> seconds = positive("--seconds", args, ++i);
                case "--long-stream" -> longStream = positive("--long-stream", args, ++i);
                case "--s1-events" -> scaleEvents = positive("--s1-events", args, ++i);
                case "--r11-events" -> rebuildEvents = positive("--r11-events", args, ++i);
                default -> {
                    System.err.println("unknown option " + args[i]
                            + "; usage: bin/loop bench [--rows R1,R4,…] [--seconds N] [--long-stream N] [--s1-events N] "
                            + "[--r11-events N]");
                    System.exit(2);
                }
            }
        }
        Path root = Path.of(System.getProperty("loop.root", ".")).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("loop.bench.home", root.resolve(".loop/bench").toString()));
        List<String> jvmOptions = List.of(System.getProperty("loop.service.java-options", "").split("\\s+")).stream()
                .filter(option -> !option.isBlank()).toList();
        Path work = home.resolve("runs").resolve(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .toString().replace(":", ""));
        Files.createDirectories(work);
        Progress.say("rows %s, %d s per level, service JVM options %s; results in %s", rows, seconds, jvmOptions, work);

        // first, alone on the machine: in-process figures in a JVM of their own
        List<MicroFigures.Figure> micro = rows.contains("JMH") ? MicroFigures.measure(root, work) : List.of();
        List<Row> table = new ArrayList<>();
        try (Stack stack = Stack.start(root, home, jvmOptions);
             StoreRows store = new StoreRows(stack.postgres(), Duration.ofSeconds(2), Duration.ofSeconds(seconds))) {
            stack.awaitQuiet(Duration.ofMinutes(20));
            double inserts = store.insertsPerSecond();
            Progress.say("reference: %,.0f single-row INSERT transactions/s from %d JDBC clients", inserts, StoreRows.WRITERS);
            if (rows.contains("R1")) {
                double appends = store.appendsPerSecond();
                double empty = store.emptyTransactionsPerSecond();
                double silent = store.appendsPerSecondWithoutWakeUp();
                table.add(new Row("R1", "event-store appends/s, 1 event per append, 16 writers on distinct streams",
                        appends, "/s", "single-row INSERT tps, 16 JDBC clients", inserts, Row.Target.atLeast(0.7),
                        String.format(Locale.ROOT, "empty transactions (BEGIN; SELECT 1; COMMIT) through the same pool "
                                + "and writers: %,.0f/s; appends that wake no relay: %,.0f/s",
                                empty, silent)));
                Progress.say("R1 %,.0f appends/s", appends);
            }
            if (rows.contains("R14")) {
                // as the command loop writes (ADR 25): the stream's lock, then its version, then the append
                if (!rows.contains("R1")) {
                    // R1 compiles the append path first in a full run; alone, the one writer went first on a cold
                    // JIT and read half its rate (561-623/s against 1,044-1,340/s after R1), the ratio twice too high
                    Progress.say("R14 warming up: one writer's round, not counted");
                    store.contention(1, true);
                }
                StoreRows.Contention one = store.contention(1, true);
                StoreRows.Contention sixteen = store.contention(StoreRows.WRITERS, true);
                StoreRows.Contention racing = store.contention(StoreRows.WRITERS, false);
                Row row = new Row("R14", "16 writers on one stream: successful appends/s", sixteen.appendsPerSecond(), "/s",
                        "1 writer on one stream", one.appendsPerSecond(), Row.Target.atLeast(0.8),
                        String.format(Locale.ROOT, "%d conflicts; %d acknowledged, %d stored: %d lost, %d duplicate versions, %s; "
                                        + "optimistic only (no lock): %.0f/s (%.2f), %d conflicts",
                                sixteen.conflicts(), sixteen.acknowledged(), sixteen.stored(), sixteen.lost(),
                                sixteen.duplicates(), sixteen.gapless() ? "no gap" : "GAPS", racing.appendsPerSecond(),
                                racing.appendsPerSecond() / one.appendsPerSecond(), racing.conflicts()));
                if (sixteen.lost() > 0 || sixteen.duplicates() > 0 || !sixteen.gapless()) {
                    row = new Row(row.id(), row.figure(), 0, row.unit(), row.reference(), row.referenceValue(), row.target(),
                            "LOST OR DUPLICATE APPENDS: " + row.note());
                }
                table.add(row);
                Progress.say("R14 %s", row.note());
            }
            Fixture fixture = null;
            if (rows.stream().anyMatch(r -> Set.of("R4", "R15", "R16", "S2").contains(r))) {
                Progress.say("creating the fixture (unit, team, WIG, lead measure, design) through the REST APIs");
                fixture = Fixture.create(stack);
            }
            if (rows.contains("R4")) {
                table.add(new PropagationRow(stack).measure(fixture.unit, 200));
                Progress.say("R4 %s", table.get(table.size() - 1).markdown());
            }
            LoadRunner load = new LoadRunner(root, work.resolve("gatling"), 3, seconds);
            HttpRows http = new HttpRows(stack, fixture, load, work);
            // before R15's load reaches the no-op service
            double noopRss = rows.contains("R17") ? ProcessRows.noopAfterWarmUp(stack, load) : Double.NaN;
            if (rows.contains("R15")) {
                LoadRunner.Level noop = http.noop();
                // the history first: past its capacity goal-service runs out of heap and keeps the CPUs busy after
                table.add(http.query("R15", "history", "team history page (GET /teams/{id}/history)", "reporting-service",
                        "/teams/" + fixture.team + "/history", noop));
                table.add(http.query("R15", "scoreboard", "team scoreboard (GET /teams/{id}/scoreboard)", "goal-service",
                        "/teams/" + fixture.team + "/scoreboard", noop));
            }
            if (rows.contains("R16")) {
                table.add(http.carryOut(inserts));
            }
            if (rows.contains("S2")) {
                table.add(http.longStream(10, longStream));
            }
            if (rows.contains("R11")) {
                // the same data on every machine and in every run: a reporting-service of a data set of its own
                ScaleSets sets = new ScaleSets(stack, home.resolve("s1"));
                String service = sets.launch(sets.ensure(sets.template(), rebuildEvents), Duration.ofHours(3));
                try {
                    table.add(new RebuildRow(stack, service).measure(store));
                } finally {
                    stack.stop(service);
                }
            }
            if (rows.contains("R17")) {
                table.addAll(ProcessRows.measure(stack, noopRss));
            }
            if (rows.contains("S1")) {
                List<Row> scale = new ScaleRow(stack, load, home.resolve("s1")).measure(SCALE_REFERENCE_EVENTS, scaleEvents);
                scale.forEach(row -> Progress.say("S1 %s", row.markdown()));
                table.addAll(scale);
            }
            // last: its copies keep every consumer of the topics busy until they have caught up
            if (rows.contains("R12")) {
                table.add(new LiveIngestRow(stack, seconds).measure());
                Progress.say("R12 %s", table.get(table.size() - 1).markdown());
            }
        }
        String report = report(table, micro);
        System.out.println(report);
        Files.writeString(work.resolve("table.md"), report);
        Progress.say("table written to %s", work.resolve("table.md"));
    }

    /** The option's value: a whole number above 0, else the usage and exit status 2. */
    private static int positive(String option, String[] args, int at) {
        try {
            int value = Integer.parseInt(args[at]);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // below
        }
        System.err.println(option + " takes a whole number above 0");
        System.exit(2);
        return 0;
    }

    private static String report(List<Row> table, List<MicroFigures.Figure> micro) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Learning Loop benchmarks, %s, %d CPUs, commit %s%n%n",
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(),
                System.getProperty("loop.commit", "unknown")));
        out.append(Row.header()).append('\n');
        table.forEach(row -> out.append(row.markdown()).append('\n'));
        if (!micro.isEmpty()) {
            out.append('\n').append("In-process figures (JMH, bench/micro):").append("\n\n");
            out.append(MicroFigures.header()).append('\n');
            micro.forEach(figure -> out.append(figure.markdown()).append('\n'));
        }
        return out.toString();
    }
}
