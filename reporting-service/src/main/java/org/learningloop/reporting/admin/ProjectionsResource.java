package org.learningloop.reporting.admin;

import jakarta.annotation.security.RolesAllowed;
import org.learningloop.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.runtime.KafkaClientConfig;
import org.learningloop.reporting.projection.ProjectionRuntime;
import org.learningloop.reporting.projection.ProjectionSettings;
import org.learningloop.reporting.projection.ProjectionUnavailable;

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

/**
 * The projections of reporting-service: per projection its state, live generation, per partition the
 * checkpoint (kept with the data), end offset and lag, events/s and last error, and the rebuild in progress;
 * and {@code POST /admin/projections/{name}/rebuild}.
 */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@ApplicationScoped
@RolesAllowed(Roles.OPS)
public class ProjectionsResource {

    /** A partition: the generation's checkpoint (next offset to read; absent before its first batch), end offset, lag. */
    public record PartitionStatus(String topic, int partition, Long position, long endOffset, long lag) {
    }

    /** One generation of a projection and how far it has read. */
    public record GenerationStatus(int generation, String state, String schema, Instant createdAt, long eventsApplied,
                                   Instant lastAppliedAt, long lag, double eventsPerSecond, String lastError,
                                   List<PartitionStatus> partitions) {
    }

    /**
     * A projection: {@code state} is {@code failing} (its live runner's last batch failed), {@code rebuilding}
     * (a new generation is being built), {@code catching-up} (lag above zero) or {@code live}.
     */
    public record ProjectionStatus(String name, String state, Integer liveGeneration, long eventsApplied,
                                   Instant lastAppliedAt, long lag, double eventsPerSecond, String lastError,
                                   List<PartitionStatus> partitions, GenerationStatus rebuild) {
    }

    public record Projections(List<ProjectionStatus> items) {
    }

    private final Pool pool;
    private final ProjectionRuntime runtime;
    private final KafkaClientConfig kafka;
    private final List<String> topics;
    private volatile Admin admin;

    public ProjectionsResource(Pool pool, ProjectionRuntime runtime,
                               KafkaClientConfig kafka, ProjectionSettings settings) {
        this.pool = pool;
        this.runtime = runtime;
        this.kafka = kafka;
        this.topics = List.copyOf(settings.topics());
    }

    @GET
    @Operation(summary = "Status of each projection",
            description = "State (live, catching-up, rebuilding, failing), live generation, per partition of each topic "
                    + "the checkpoint, end offset and lag, events/s over the last ten seconds, last error, and the "
                    + "rebuild in progress if any.")
    public Uni<Projections> list() {
        return endOffsets().chain(ends -> {
            List<Uni<ProjectionStatus>> each = runtime.projections().keySet().stream()
                    .map(name -> status(name, ends)).toList();
            return Uni.join().all(each).andFailFast().map(Projections::new);
        });
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Status of one projection", description = "As in the list; 404 for an unknown name.")
    public Uni<ProjectionStatus> one(@PathParam("name") String name) {
        if (!runtime.projections().containsKey(name)) {
            throw ProjectionUnavailable.unknown(name);
        }
        return endOffsets().chain(ends -> status(name, ends));
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(summary = "Rebuild a projection from offset 0",
            description = "Starts a new generation in a fresh schema that replays the three topics from offset 0 while "
                    + "the live generation keeps serving reads; once caught up it is switched live in one transaction "
                    + "and the old generation is dropped. 202 with Location of the projection's status; 404 unknown "
                    + "name; 409 when a rebuild of it is already running.")
    @APIResponse(responseCode = "202", description = "Started: the new generation; Location names the projection's status",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GenerationStatus.class)))
    public Uni<Response> rebuild(@PathParam("name") String name) {
        return runtime.rebuild(name).map(generation -> Response.accepted(new GenerationStatus(generation.generation(),
                        generation.state(), generation.schema(), generation.createdAt().toInstant(), 0, null, 0, 0, null,
                        List.of()))
                .header(HttpHeaders.LOCATION, "/admin/projections/" + name).build());
    }

    private Uni<ProjectionStatus> status(String name, Map<TopicPartition, Long> ends) {
        return runtime.generations(name).chain(generations -> {
            List<Uni<GenerationStatus>> each = generations.stream().map(g -> checkpoints(name, g.generation()).map(at -> {
                List<PartitionStatus> partitions = new ArrayList<>();
                ends.forEach((tp, end) -> {
                    Long position = at.get(tp);
                    partitions.add(new PartitionStatus(tp.topic(), tp.partition(), position, end,
                            Math.max(0, end - (position == null ? 0 : position))));
                });
                partitions.sort(Comparator.comparing(PartitionStatus::topic).thenComparingInt(PartitionStatus::partition));
                var runner = runtime.runnerStatus(name, g.generation());
                return new GenerationStatus(g.generation(), g.state(), g.schema(), instant(g.createdAt()),
                        g.eventsApplied(), instant(g.lastAppliedAt()),
                        partitions.stream().mapToLong(PartitionStatus::lag).sum(),
                        runner.isPresent() ? runner.get().eventsPerSecond() : 0.0,
                        runner.isPresent() ? runner.get().lastError()
                                : runtime.enabled() ? "not running on this replica" : null,
                        partitions);
            })).toList();
            Uni<List<GenerationStatus>> all = each.isEmpty() ? Uni.createFrom().item(List.of())
                    : Uni.join().all(each).andFailFast();
            return all.map(statuses -> {
                GenerationStatus live = statuses.stream().filter(s -> "live".equals(s.state())).findFirst().orElse(null);
                GenerationStatus building = statuses.stream().filter(s -> "building".equals(s.state())).findFirst()
                        .orElse(null);
                String state;
                if (live == null || live.lastError() != null) {
                    state = "failing";
                } else if (building != null) {
                    state = "rebuilding";
                } else if (live.lag() > 0) {
                    state = "catching-up";
                } else {
                    state = "live";
                }
                if (live == null) {
                    return new ProjectionStatus(name, state, null, 0, null, 0, 0,
                            runtime.enabled() ? "no live generation" : "projections disabled", List.of(), building);
                }
                return new ProjectionStatus(name, state, live.generation(), live.eventsApplied(), live.lastAppliedAt(),
                        live.lag(), live.eventsPerSecond(), live.lastError(), live.partitions(), building);
            });
        });
    }

    private Uni<Map<TopicPartition, Long>> checkpoints(String name, int generation) {
        return pool.preparedQuery("select topic, partition, next_offset from projection_checkpoint "
                        + "where projection = $1 and generation = $2")
                .execute(Tuple.of(name, generation))
                .map(rows -> {
                    Map<TopicPartition, Long> at = new HashMap<>();
                    for (Row row : rows) {
                        at.put(new TopicPartition(row.getString("topic"), row.getInteger("partition")),
                                row.getLong("next_offset"));
                    }
                    return at;
                });
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private Uni<Map<TopicPartition, Long>> endOffsets() {
        return Uni.createFrom().item(this::readEndOffsets).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Map<TopicPartition, Long> readEndOffsets() {
        try {
            Admin kafka = admin();
            Map<String, TopicDescription> described = kafka.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            described.values().forEach(topic -> topic.partitions().forEach(p ->
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = kafka.listOffsets(latest).all()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> result = new HashMap<>();
            ends.forEach((tp, info) -> result.put(tp, info.offset()));
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw kafkaUnavailable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw kafkaUnavailable(String.valueOf(e.getMessage()));
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> config = kafka.admin();
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
            admin = Admin.create(config);
        }
        return admin;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
        }
    }

    private static HttpProblem kafkaUnavailable(String why) {
        return new HttpProblem(Problem.of(503, "kafka-unavailable", "Kafka unavailable",
                "Cannot read the topics' end offsets from Kafka: " + why));
    }
}
