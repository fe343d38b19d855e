package org.learningloop.activity.loop;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.activity.loop.listing.ActivityListing;
import org.learningloop.activity.loop.listing.ActivityListing.ActivitySummary;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A team's activities, from the list read model. */
@Path("/teams/{teamId}/activities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Activities")
@Authenticated
public class TeamActivitiesResource {

    private static final Set<String> STATUSES = Set.of("planned", "carried-out", "evaluated", "cancelled");

    private final ActivityListing listing;
    private final ActivityAccess access;

    public TeamActivitiesResource(ActivityListing listing, ActivityAccess access) {
        this.listing = listing;
        this.access = access;
    }

    @GET
    @Operation(summary = "List a team's activities",
            description = "In scheduled order; pass nextCursor back as cursor for the next page. from is inclusive and "
                    + "to exclusive, both on the scheduled time. The list is written with each change, so it is current.")
    @APIResponse(responseCode = "200", description = "A page of activities")
    public Uni<Page<ActivitySummary>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("teamId") String teamId,
            @Parameter(description = "Only activities in this status",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"planned", "carried-out", "evaluated", "cancelled"}))
            @QueryParam("status") String status,
            @Parameter(description = "Scheduled at or after", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("from") String from,
            @Parameter(description = "Scheduled before", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("to") String to,
            @Parameter(description = "Only activities with this design", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("designId") String designId,
            @Parameter(description = "Only activities at workplaces of this segment") @QueryParam("segment") String segment,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        UUID team = QueryParams.uuid("teamId", teamId);
        if (team == null) {
            throw QueryParams.invalid("teamId", "must be a UUID");
        }
        Instant fromInstant = QueryParams.instant("from", from);
        Instant toInstant = QueryParams.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw QueryParams.invalid("to", "must be after from");
        }
        ActivityListing.Filter filter = new ActivityListing.Filter(team, status(status), fromInstant, toInstant,
                QueryParams.uuid("designId", designId), segment(segment));
        int size = QueryParams.limit(limit, 50, 200);
        return access.team(team).chain(() -> listing.page(filter, cursor, size));
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String value = status.strip();
        if (!STATUSES.contains(value)) {
            throw QueryParams.invalid("status", "must be one of planned, carried-out, evaluated, cancelled");
        }
        return value;
    }

    private static String segment(String segment) {
        if (segment == null || segment.isBlank()) {
            return null;
        }
        String value = segment.strip();
        if (!value.matches(ActivityApi.KEY) || value.length() > 100) {
            throw QueryParams.invalid("segment", "must be a key such as call-centre");
        }
        return value;
    }
}
