package org.learningloop.reporting.exports;

import jakarta.annotation.security.RolesAllowed;
import org.learningloop.platform.security.Roles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.learningloop.platform.http.QueryParams;

import java.time.Instant;
import java.util.UUID;

/** Exports for analysts, streamed: every event as NDJSON, every activity as CSV. */
@Path("/exports")
@RolesAllowed(Roles.ANALYST)
public class ExportsResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private final Exports exports;

    public ExportsResource(Exports exports) {
        this.exports = exports;
    }

    @GET
    @Path("/events")
    @Produces(NDJSON)
    @Operation(summary = "Events as NDJSON",
            description = "One CloudEvents-style JSON object a line (specversion, id, type, source, subject, time, "
                    + "streamid, streamversion, data), in history order (time, stream, version, id); with teamId the "
                    + "team's events and its unit's unit-wide ones. from inclusive, to exclusive. Streamed.")
    @APIResponse(responseCode = "200", description = "One JSON object a line, streamed",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING)))
    public Response events(@QueryParam("teamId") String teamId, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        UUID team = QueryParams.uuid("teamId", teamId);
        Instant[] range = range(from, to);
        StreamingOutput body = output -> exports.events(team, range[0], range[1], output);
        return Response.ok(body, NDJSON).build();
    }

    @GET
    @Path("/activities.csv")
    @Produces(CSV)
    @Operation(summary = "Activities as CSV",
            description = "One row per activity (RFC 4180, header row): ids, team, unit, type, lead measure, design and "
                    + "version, segment, scheduled and carried-out times, cancelled, intention reached, presence, focus, "
                    + "quality per dimension, outcomes as key=value;... . Filtered by teamId, unitId and from/to on the "
                    + "activity's time (carried out, else scheduled). Streamed.")
    @APIResponse(responseCode = "200", description = "RFC 4180 CSV with a header row, UTF-8, streamed",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    public Response activities(@QueryParam("teamId") String teamId, @QueryParam("unitId") String unitId,
                               @QueryParam("from") String from, @QueryParam("to") String to) {
        UUID team = QueryParams.uuid("teamId", teamId);
        UUID unit = QueryParams.uuid("unitId", unitId);
        Instant[] range = range(from, to);
        StreamingOutput body = output -> exports.activities(team, unit, range[0], range[1], output);
        return Response.ok(body, CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"activities.csv\"").build();
    }

    private static Instant[] range(String from, String to) {
        Instant start = QueryParams.instant("from", from);
        Instant end = QueryParams.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw QueryParams.invalid("to", "must be after from");
        }
        return new Instant[] {start, end};
    }
}
