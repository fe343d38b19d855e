package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.testing.TopicReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One carry-out, followed through the packaged services by its trace (issue 16, ADR 19): the caller's trace id is in
 * activity-service's log line for the command, on the event's Kafka record (W3C and CloudEvents headers), and in the
 * JSON log lines goal-service's scoreboard consumer and reporting-service's projections write while they apply it,
 * beside the event's id.
 */
class TracesAcrossServicesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    @Test
    void oneCarryOut_isOneTrace_fromTheRequest_overItsRecord_intoGoalAndReportingServicesConsumers() {
        RunningSystem system = RunningSystem.get();
        LoopSteps steps = system.steps();
        LoopClient client = steps.client();
        String run = "traces-" + UUID.randomUUID();
        LocalDate today = LocalDate.now(ZONE);
        UUID unit = steps.unit(run + ":unit", "Region office T", UUID.randomUUID());
        UUID team = steps.team(run + ":team", unit, "Traced team");
        UUID member = UUID.randomUUID();
        steps.member(team, member, "Traced colleague", "member");
        UUID wig = steps.wig(run + ":wig", "From 5 to 15 net new members a month", team, unit, null,
                "net new members per month", 5, 15, today.minusMonths(1), today.plusMonths(6));
        UUID leadMeasure = steps.activeLeadMeasure(run + ":lead", wig, "Safety rounds", "safety-round", 3,
                "Safety rounds bring members");
        UUID design = steps.design(run + ":design", unit, team, "Traced round", "safety-round", leadMeasure,
                List.of("call-centre"), "Employees see what the union does", List.of("Introduce ourselves"),
                List.of("Pay"), "Short rounds work");
        Instant carriedOutAt = Instant.now();
        UUID activity = steps.planActivity(run + ":activity", team, unit, leadMeasure, design, null,
                carriedOutAt.minus(1, ChronoUnit.HOURS), "T-1", "call-centre", 40, List.of(member));

        String traceId = hex(16);
        // not sampled (flag 00): nothing is exported without a collector, and the ids travel all the same
        client.inTrace("00-" + traceId + "-" + hex(8) + "-00", () -> {
            steps.carryOut(activity, carriedOutAt, 4, 4, "yes", List.of(), Map.of("risksFound", 1));
            return null;
        });

        ConsumerRecord<String, String> record = carriedOut(TopicReader.readUntil(system.kafka().bootstrapServers(),
                "loop.activities", Duration.ofSeconds(60), read -> carriedOut(read, activity) != null), activity);
        assertThat(TopicReader.header(record, "traceparent")).startsWith("00-" + traceId + "-");
        assertThat(TopicReader.header(record, "ce_traceparent"))
                .isEqualTo(TopicReader.header(record, "traceparent"));
        String eventId = TopicReader.header(record, "ce_id");
        // the record names where its schema is, and the service that published it answers there
        java.net.URI dataSchema = java.net.URI.create(TopicReader.header(record, "ce_dataschema"));
        JsonNode schema = client.get(java.net.URI.create(dataSchema.getScheme() + "://" + dataSchema.getRawAuthority()),
                dataSchema.getRawPath());
        assertThat(schema.path("$id").asText()).isEqualTo("urn:learning-loop:event:activity.carried-out.v1");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(linesOfTrace(system, "activity-service", traceId)).as("activity-service's command")
                    .anySatisfy(line -> assertThat(line.path("message").asText()).contains("activity-" + activity));
            assertThat(linesOfTrace(system, "goal-service", traceId)).as("goal-service's consumers")
                    .anySatisfy(line -> assertThat(line.path("mdc").path("eventId").asText()).isEqualTo(eventId));
            assertThat(linesOfTrace(system, "reporting-service", traceId)).as("reporting-service's projections")
                    .anySatisfy(line -> assertThat(line.path("mdc").path("eventId").asText()).isEqualTo(eventId));
        });
    }

    /** The carried-out record of {@code activity} among {@code records}, or {@code null}. */
    private static ConsumerRecord<String, String> carriedOut(List<ConsumerRecord<String, String>> records, UUID activity) {
        return records.stream()
                .filter(r -> "activity.carried-out.v1".equals(TopicReader.header(r, "ce_type")))
                .filter(r -> ("activity-" + activity).equals(TopicReader.header(r, "ce_streamid")))
                .findFirst().orElse(null);
    }

    /** The JSON log lines of {@code service} written in the trace {@code traceId}. */
    private static List<JsonNode> linesOfTrace(RunningSystem system, String service, String traceId) {
        try (var lines = Files.lines(system.log(service))) {
            return lines.filter(line -> line.startsWith("{") && line.contains(traceId)).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).filter(line -> traceId.equals(line.path("mdc").path("traceId").asText())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
