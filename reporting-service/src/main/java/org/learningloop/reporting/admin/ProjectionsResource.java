package org.learningloop.reporting.admin;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.reporting.history.TeamHistoryProjection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The projections of reporting-service: their consumer group's position and lag per partition, and what they applied. */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
public class ProjectionsResource {

    /** The topics every projection reads. */
    static final List<String> TOPICS = List.of("loop.goals", "loop.activities", "loop.learning");

    /** A partition of a topic: the group's committed position (null before its first commit), the end offset and the lag. */
    public record PartitionStatus(String topic, int partition, Long position, long endOffset, long lag) {
    }

    /** A projection: state, consumer group, events applied (rows), last applied time, total lag and per partition. */
    public record ProjectionStatus(String name, String state, String consumerGroup, long eventsApplied,
                                   Instant lastAppliedAt, long lag, List<PartitionStatus> partitions) {
    }

    public record Projections(List<ProjectionStatus> items) {
    }

    private final Pool pool;
    private final String bootstrapServers;

    public ProjectionsResource(Pool pool, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.pool = pool;
        this.bootstrapServers = bootstrapServers;
    }

    @GET
    @Operation(summary = "Status of each projection",
            description = "State, per partition of each topic the committed position of the projection's consumer group, "
                    + "the end offset and the lag; events applied and the last applied time.")
    public Uni<Projections> list() {
        Uni<List<PartitionStatus>> partitions = Uni.createFrom()
                .item(() -> positions(TeamHistoryProjection.CONSUMER))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        Uni<Row> applied = pool.query("select count(*) as applied, max(applied_at) as last from team_history_entry")
                .execute().map(rows -> rows.iterator().next());
        return Uni.combine().all().unis(partitions, applied).asTuple().map(both -> {
            Row row = both.getItem2();
            OffsetDateTime last = row.getOffsetDateTime("last");
            long lag = both.getItem1().stream().mapToLong(PartitionStatus::lag).sum();
            return new Projections(List.of(new ProjectionStatus(TeamHistoryProjection.NAME, "live",
                    TeamHistoryProjection.CONSUMER, row.getLong("applied"), last == null ? null : last.toInstant(), lag,
                    both.getItem1())));
        });
    }

    private static HttpProblem kafkaUnavailable(String why) {
        return new HttpProblem(Problem.of(503, "kafka-unavailable", "Kafka unavailable",
                "Cannot read the consumer group's positions from Kafka: " + why));
    }

    List<PartitionStatus> positions(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000))) {
            Map<String, TopicDescription> topics = admin.describeTopics(TOPICS).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.values().forEach(topic -> topic.partitions().forEach(p ->
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            List<PartitionStatus> statuses = new ArrayList<>();
            ends.forEach((tp, end) -> {
                OffsetAndMetadata position = committed.get(tp);
                Long at = position == null ? null : position.offset();
                long lag = Math.max(0, end.offset() - (at == null ? 0 : at));
                statuses.add(new PartitionStatus(tp.topic(), tp.partition(), at, end.offset(), lag));
            });
            statuses.sort(Comparator.comparing(PartitionStatus::topic).thenComparingInt(PartitionStatus::partition));
            return statuses;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kafkaUnavailable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw kafkaUnavailable(String.valueOf(e.getMessage()));
        }
    }
}
