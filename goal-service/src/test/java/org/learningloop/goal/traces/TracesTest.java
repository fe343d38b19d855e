package org.learningloop.goal.traces;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.learningloop.platform.outbox.CloudEventHeaders;
import org.learningloop.testing.TopicReader;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.learningloop.testing.SignedIn.given;

/**
 * One trace from a request to the consumers (issue 16, ADR 19): the caller's W3C trace context goes into the request
 * span, is stored with the event the command records, is published on its Kafka record and is continued by the
 * consumers of the topic.
 */
@QuarkusTest
class TracesTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aCallersTrace_goesIntoTheRequestSpan_theStoredEvent_itsRecord_andTheConsumersSpans() {
        String traceId = hex(16);
        String callerSpan = hex(8);
        String unitId = given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON)
                .body("{\"name\": \"Traced office " + hex(4) + "\", \"managerId\": \"" + UUID.randomUUID() + "\"}")
                .post("/units").then().statusCode(201).extract().path("id");

        String stored = pool.preparedQuery("select metadata ->> 'traceparent' from event_store where stream_id = $1")
                .execute(Tuple.of("unit-" + unitId)).await().indefinitely().iterator().next().getString(0);
        assertThat(stored).startsWith("00-" + traceId + "-").doesNotContain(callerSpan);

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(kafka, "loop.goals", Duration.ofSeconds(60),
                read -> read.stream().anyMatch(record -> unitId.equals(record.key())));
        ConsumerRecord<String, String> record = records.stream().filter(r -> unitId.equals(r.key())).findFirst().orElseThrow();
        assertThat(CloudEventHeaders.get(record.headers(), "traceparent")).isEqualTo(stored);
        assertThat(CloudEventHeaders.get(record.headers(), "ce_traceparent")).isEqualTo(stored);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ofTrace(traceId))
                .extracting(SpanData::getKind).contains(SpanKind.SERVER, SpanKind.CONSUMER));
        SpanData request = ofTrace(traceId).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst()
                .orElseThrow();
        assertThat(request.getParentSpanId()).isEqualTo(callerSpan);
        assertThat(stored).contains(request.getSpanId());
        assertThat(ofTrace(traceId)).filteredOn(span -> span.getKind() == SpanKind.CONSUMER)
                .allSatisfy(consumer -> assertThat(consumer.getParentSpanId()).isEqualTo(request.getSpanId()));
    }

    @Test
    void aRequestWithoutATraceContext_startsItsOwnTrace_andItsEventCarriesIt() {
        String unitId = given().contentType(ContentType.JSON)
                .body("{\"name\": \"Untraced office " + hex(4) + "\", \"managerId\": \"" + UUID.randomUUID() + "\"}")
                .post("/units").then().statusCode(201).extract().path("id");
        String stored = pool.preparedQuery("select metadata ->> 'traceparent' from event_store where stream_id = $1")
                .execute(Tuple.of("unit-" + unitId)).await().indefinitely().iterator().next().getString(0);
        // a trace of its own, not sampled by default (ratio 0): ids to follow in logs, nothing exported
        assertThat(stored).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
        assertThat(ofTrace(stored.substring(3, 35))).isEmpty();
    }

    private List<SpanData> ofTrace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
