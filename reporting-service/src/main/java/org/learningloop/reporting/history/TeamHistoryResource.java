package org.learningloop.reporting.history;

import io.quarkus.security.Authenticated;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.learningloop.contracts.EventType;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.reporting.ReportingBeans;
import org.learningloop.reporting.projection.ProjectionReads;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A team's history: the ordered timeline of its own events and its unit's unit-wide ones. */
@Path("/teams/{teamId}/history")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TeamHistoryResource {

    private static final Set<String> TYPES = ReportingBeans.CATALOG.types().stream().map(EventType::ceType)
            .collect(Collectors.toUnmodifiableSet());

    private final ProjectionReads reads;
    private final TeamHistory history;
    private final Access access;

    /** Who may (ADR 15): the team's members and lead, its unit's manager, analysts. */
    public TeamHistoryResource(ProjectionReads reads, TeamHistory history, Access access) {
        this.reads = reads;
        this.history = history;
        this.access = access;
    }

    @GET
    @Operation(summary = "The team's timeline",
            description = "Its own events and its unit's unit-wide events, ordered and filtered by time (then stream, "
                    + "version, id): time=recorded (the default) is when each event was recorded, time=business when "
                    + "what it describes happened (an activity carried out, a lag reading's period, a WIG meeting's "
                    + "week, an APT's month; a definition such as a team created is placed at its recording time). "
                    + "from is inclusive, to exclusive (instants); types a comma-separated list of CloudEvents types. "
                    + "A team with no events yet (or unknown) answers an empty page.")
    public Uni<Page<TeamHistory.Entry>> history(@PathParam("teamId") String teamId, @QueryParam("from") String from,
                                                @QueryParam("to") String to, @QueryParam("types") String types,
                                                @Parameter(description = "recorded (default) or business",
                                                        schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(
                                                                enumeration = {"recorded", "business"}))
                                                @QueryParam("time") String time,
                                                @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        UUID team = QueryParams.uuid("teamId", teamId);
        Instant fromInstant = QueryParams.instant("from", from);
        Instant toInstant = QueryParams.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw QueryParams.invalid("to", "must be after from");
        }
        List<String> typeList = types(types);
        TeamHistory.Timeline timeline = timeline(time);
        int size = QueryParams.limit(limit, 50, 500);
        String after = cursor == null || cursor.isBlank() ? null : cursor.strip();
        // business time needs a generation built by version 2 of the projection (right after an upgrade, the rebuild
        // may still be catching up: 503 until then)
        int needed = timeline == TeamHistory.Timeline.BUSINESS ? 2 : 1;
        return access.teamOrAnalyst(team, Relation.MEMBER).chain(() -> reads.read(TeamHistoryProjection.NAME, needed,
                tx -> Uni.createFrom().deferred(() -> history.page(tx, team, timeline, fromInstant, toInstant, typeList,
                        after, size))));
    }

    static TeamHistory.Timeline timeline(String time) {
        if (time == null || time.isBlank() || time.strip().equals("recorded")) {
            return TeamHistory.Timeline.RECORDED;
        }
        if (time.strip().equals("business")) {
            return TeamHistory.Timeline.BUSINESS;
        }
        throw QueryParams.invalid("time", "must be recorded or business");
    }

    static List<String> types(String types) {
        if (types == null || types.isBlank()) {
            return null;
        }
        List<String> list = Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).distinct()
                .toList();
        List<String> unknown = list.stream().filter(t -> !TYPES.contains(t)).toList();
        if (!unknown.isEmpty()) {
            throw QueryParams.invalid("types", "unknown event type " + String.join(", ", unknown)
                    + "; use CloudEvents types such as goal.wig-defined.v1");
        }
        return list.isEmpty() ? null : list;
    }
}
