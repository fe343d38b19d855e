package org.learningloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Open-model HTTP load with Gatling ({@code bench/load}'s {@code OpenLoad}), one level per run in a JVM of its own:
 * requests arrive at a constant rate whatever the answers' latency. {@link #capacity} finds the highest rate a request
 * sustains with its p99 within the latency bound and no failed answer.
 */
final class LoadRunner {

    /** The latency bound of R15 and R16. */
    static final int P99_BOUND_MS = 50;
    private static final Pattern CELL = Pattern.compile("<td class=\"value [a-z]+ col-(\\d+)\">([^<]*)</td>");

    private final Path root;
    private final Path results;
    private final int warmupSeconds;
    private final int seconds;
    /** Levels run so far: each gets a report folder of its own. */
    private int runs;

    LoadRunner(Path root, Path results, int warmupSeconds, int seconds) {
        this.root = root;
        this.results = results;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
    }

    /** The measured window's figures of one level. */
    record Level(double offeredRate, long ok, long failed, int p50, int p99, int max, double seconds) {

        double achievedRate() {
            return ok / seconds;
        }

        /** Every request answered as expected, at the offered rate, with p99 within the bound. */
        boolean sustained() {
            return answered() && p99 <= P99_BOUND_MS;
        }

        /** Every request answered as expected, at the offered rate, however slowly. */
        boolean answered() {
            return failed == 0 && ok >= 0.97 * offeredRate * seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f/s offered: %d ok, %d failed, p50 %d ms, p99 %d ms, max %d ms",
                    offeredRate, ok, failed, p50, p99, max);
        }
    }

    int measuredSeconds() {
        return seconds;
    }

    int totalSeconds() {
        return warmupSeconds + seconds;
    }

    /**
     * After an uncounted warm-up level at {@code start}, doubles the rate from {@code start} until a level is not
     * sustained (or, when {@code start} is not, halves it down to 1/s until one is), then halves the gap twice between
     * the last sustained and the first failing rate; the best sustained level (null when not even 1/s is sustained).
     * {@code prepare} runs before each level with its rate (e.g. to plan the activities it will carry out) and returns
     * the level's Gatling properties.
     */
    Level capacity(String label, double start, double ceiling, java.util.function.DoubleFunction<Map<String, String>> prepare) {
        // a first level at the start rate, not counted: the services' code paths are compiled before any level counts
        run(label + " warm-up", start, prepare.apply(start));
        Level best = null;
        double failing = Double.NaN;
        for (double rate = start; rate <= ceiling; rate *= 2) {
            Level level = run(label, rate, prepare.apply(rate));
            if (!level.sustained()) {
                failing = rate;
                break;
            }
            best = level;
        }
        // not even the start rate: halve it down to 1/s
        for (double rate = start / 2; best == null && rate >= 1; rate /= 2) {
            Level level = run(label, rate, prepare.apply(rate));
            if (level.sustained()) {
                best = level;
            } else {
                failing = rate;
            }
        }
        if (best != null && !Double.isNaN(failing)) {
            double low = best.offeredRate();
            double high = failing;
            for (int step = 0; step < 2; step++) {
                double rate = Math.round((low + high) / 2);
                Level level = run(label, rate, prepare.apply(rate));
                if (level.sustained()) {
                    best = level;
                    low = rate;
                } else {
                    high = rate;
                }
            }
        }
        return best;
    }

    /** One level at {@code rate} requests per second. */
    Level run(String label, double rate, Map<String, String> properties) {
        Path folder = results.resolve(String.format(Locale.ROOT, "%02d-%s-%d", ++runs,
                label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-"), Math.round(rate)));
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx512m",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dgatling.data.enableAnalytics=false",
                "-Dlogback.configurationFile=" + root.resolve("bench/load/logback-bench.xml")));
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("bench.rate", Double.toString(rate));
        all.put("bench.warmup", Integer.toString(warmupSeconds));
        all.put("bench.seconds", Integer.toString(seconds));
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-cp", root.resolve("bench/load/target/classes") + ":" + root.resolve("bench/load/target/lib/*"),
                "io.gatling.app.Gatling", "--simulation", "org.learningloop.bench.load.OpenLoad",
                "--results-folder", folder.toString()));
        try {
            Files.createDirectories(folder);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("gatling.log").toFile()).start();
            int exit = process.waitFor();
            Level level = parse(folder, rate);
            Progress.say("%s %s%s", label, level, exit == 0 ? "" : " (Gatling exit " + exit + ")");
            return level;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code measured} request's line of the report's statistics table. */
    private Level parse(Path folder, double rate) throws IOException {
        Path index;
        try (Stream<Path> found = Files.walk(folder, 2)) {
            index = found.filter(p -> p.getFileName().toString().equals("index.html")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Gatling report in " + folder + "; see its gatling.log"));
        }
        String html = Files.readString(index);
        int at = html.indexOf("class=\"ellipsed-name\">measured</span>");
        if (at < 0) {
            throw new IllegalStateException("no 'measured' request in " + index);
        }
        int rowEnd = html.indexOf("</tr>", at);
        Map<Integer, String> cells = new LinkedHashMap<>();
        Matcher matcher = CELL.matcher(html.substring(at, rowEnd));
        while (matcher.find()) {
            cells.put(Integer.parseInt(matcher.group(1)), matcher.group(2).trim());
        }
        return new Level(rate, number(cells.get(3)), number(cells.get(4)), (int) number(cells.get(8)),
                (int) number(cells.get(11)), (int) number(cells.get(12)), seconds);
    }

    private static long number(String cell) {
        return cell == null || cell.equals("-") ? 0 : Long.parseLong(cell.replace(",", "").replace(" ", ""));
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
