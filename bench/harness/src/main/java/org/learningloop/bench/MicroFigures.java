package org.learningloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The in-process figures: {@code bench/micro}'s JMH benchmarks (the WIG decider's fold and decision, the evidence
 * statistics), run by JMH's own runner in a JVM of its own before the stack starts, so nothing else runs beside them.
 * They have no raw reference; the table lists each figure with JMH's 99.9 % error.
 */
final class MicroFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MicroFigures() {
    }

    /** One benchmark's figure. */
    record Figure(String benchmark, String parameters, double score, double error, String unit) {

        String markdown() {
            return String.format(Locale.ROOT, "| %s | %s | %s ± %s %s |", benchmark, parameters, Row.format(score),
                    Row.format(error), unit);
        }
    }

    static List<Figure> measure(Path root, Path work) throws IOException, InterruptedException {
        Path results = work.resolve("jmh.json");
        List<String> command = List.of(javaCommand(), "-cp",
                root.resolve("bench/micro/target/classes") + ":" + root.resolve("bench/micro/target/lib/*"),
                "org.openjdk.jmh.Main", "-f", "1", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s",
                "-rf", "json", "-rff", results.toString());
        Progress.say("JMH: the in-process figures (about 3 minutes)");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("jmh.log").toFile()).start();
        int exit = process.waitFor();
        if (exit != 0 || !Files.isRegularFile(results)) {
            throw new IllegalStateException("JMH exited with " + exit + "; see " + work.resolve("jmh.log"));
        }
        List<Figure> figures = new ArrayList<>();
        for (JsonNode run : JSON.readTree(results.toFile())) {
            String name = run.path("benchmark").asText();
            List<String> parameters = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = run.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> parameter = it.next();
                parameters.add(parameter.getKey() + "=" + parameter.getValue().asText());
            }
            JsonNode metric = run.path("primaryMetric");
            figures.add(new Figure(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    String.join(", ", parameters), metric.path("score").asDouble(), metric.path("scoreError").asDouble(),
                    metric.path("scoreUnit").asText()));
        }
        figures.forEach(figure -> Progress.say("JMH %s", figure.markdown()));
        return figures;
    }

    static String header() {
        return "| benchmark | parameters | time per operation (± 99.9 % error) |\n|---|---|---|";
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
