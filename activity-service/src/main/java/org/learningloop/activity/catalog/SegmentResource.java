package org.learningloop.activity.catalog;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.activity.catalog.CatalogApi.Segment;
import org.learningloop.activity.catalog.CatalogApi.SegmentRequest;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;

/** Segments: the kinds of workplace that designs target (data, not code). */
@Path("/segments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Segments", description = "Call centres, small workplaces of 6–30 employees… and any added")
@Authenticated
public class SegmentResource {

    private final Catalog catalog;

    public SegmentResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Operation(summary = "Add a segment", description = "Keys are unique: an existing key gets 409.")
    @APIResponse(responseCode = "201", description = "Added; Location names it", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = Segment.class)))
    public Uni<Response> add(@Valid @NotNull SegmentRequest request, @Context UriInfo uri) {
        return catalog.addSegment(request).map(segment -> Answers.created(Answers.below(uri, segment.key()))
                .entity(segment).build());
    }

    @GET
    @Operation(summary = "List segments", description = "In key order; pass nextCursor back as cursor.")
    public Uni<Page<Segment>> list(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 100)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return catalog.segments(cursor, QueryParams.limit(limit, 100, 200));
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Path("/{key}/retire")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Retire a segment",
            description = "New designs and forks cannot target it (422 unknown-segment); designs, activities and "
                    + "reports that name it stay. Retiring it again changes nothing. 404 segment-not-found.")
    public Uni<Segment> retire(@PathParam("key") String key) {
        return catalog.retireSegment(key).map(segment -> {
            if (segment == null) {
                throw CommandRejected.notFound("segment-not-found", "There is no segment " + key);
            }
            return segment;
        });
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "A segment")
    public Uni<Segment> get(@PathParam("key") String key) {
        return catalog.segment(key).map(segment -> {
            if (segment == null) {
                throw CommandRejected.notFound("segment-not-found", "There is no segment " + key);
            }
            return segment;
        });
    }
}
