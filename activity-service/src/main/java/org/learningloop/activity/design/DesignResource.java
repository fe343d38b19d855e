package org.learningloop.activity.design;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.learningloop.activity.catalog.CatalogApi;
import org.learningloop.activity.design.DesignApi.CreateDesignRequest;
import org.learningloop.activity.design.DesignApi.DesignVersionView;
import org.learningloop.activity.design.DesignApi.DesignView;
import org.learningloop.activity.design.DesignApi.DiffView;
import org.learningloop.activity.design.DesignApi.ForkDesignRequest;
import org.learningloop.activity.design.DesignApi.RetireDesignRequest;
import org.learningloop.activity.design.DesignApi.ReviseDesignRequest;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.activity.design.DesignState.DesignVersion;
import org.learningloop.activity.design.listing.DesignListing;
import org.learningloop.activity.design.listing.DesignListing.DesignSummary;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.util.List;
import java.util.UUID;

/** Pedagogical designs: intention, activity frames and content, versioned, forked per segment, retired. */
@Path("/designs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Designs", description = "Create, revise (new version), fork for a segment, retire; read any version and diffs")
@Authenticated
public class DesignResource {

    private final DesignService designs;
    private final DesignListing listing;
    private final DesignAccess access;

    public DesignResource(DesignService designs, DesignListing listing, DesignAccess access) {
        this.designs = designs;
        this.listing = listing;
        this.access = access;
    }

    @POST
    @Operation(summary = "Create a design (version 1)",
            description = "The activity type and every segment must exist (422 naming the field otherwise). With an "
                    + "Idempotency-Key, a retry with the same body returns the same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Created; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = DesignView.class)))
    public Uni<Response> create(@Valid @NotNull CreateDesignRequest request,
                                @Parameter(description = "Makes retries safe: same key and body, same answer")
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri) {
        return access.create(request.unitId()).chain(() -> designs.create(request, idempotencyKey))
                .map(created -> created(created, uri, "/designs/"));
    }

    @GET
    @Path("/{designId}")
    @Operation(summary = "A design at its current version, with its status")
    @APIResponse(responseCode = "200", description = "The design; ETag is its stream version", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = DesignView.class)))
    public Uni<Response> get(@PathParam("designId") UUID designId) {
        return access.read(designId).chain(() -> designs.get(designId)).map(DesignResource::ok);
    }

    @GET
    @Path("/{designId}/versions")
    @Operation(summary = "Every version of a design, oldest first")
    @APIResponse(responseCode = "200", description = "The versions")
    public Uni<List<DesignVersionView>> versions(@PathParam("designId") UUID designId) {
        return access.read(designId).chain(() -> designs.get(designId))
                .map(decision -> ((DefinedDesign) decision.state()).versions().stream()
                .map(version -> DesignVersionView.of(designId, version)).toList());
    }

    @GET
    @Path("/{designId}/versions/{version}")
    @Operation(summary = "Any version of a design, whole, with the elements it changed and why")
    @APIResponse(responseCode = "200", description = "The version",
            content = @Content(schema = @Schema(implementation = DesignVersionView.class)))
    public Uni<DesignVersionView> version(@PathParam("designId") UUID designId, @PathParam("version") String version) {
        int n = versionNumber("version", version);
        return access.read(designId).chain(() -> designs.get(designId)).map(decision -> DesignVersionView.of(designId, versionOf(decision, designId, n)));
    }

    @GET
    @Path("/{designId}/diff")
    @Operation(summary = "Which elements differ between two versions of a design, with the values in each")
    @APIResponse(responseCode = "200", description = "The differing elements",
            content = @Content(schema = @Schema(implementation = DiffView.class)))
    public Uni<DiffView> diff(@PathParam("designId") UUID designId,
                              @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("from") String from,
                              @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("to") String to) {
        int fromVersion = versionNumber("from", from);
        int toVersion = versionNumber("to", to);
        return access.read(designId).chain(() -> designs.get(designId)).map(decision -> DiffView.of(designId, versionOf(decision, designId, fromVersion),
                versionOf(decision, designId, toVersion)));
    }

    @GET
    @Operation(summary = "List designs", description = "In the order they were created; pass nextCursor back as cursor. "
            + "The list is written with each change, so it is always current.")
    @APIResponse(responseCode = "200", description = "A page of designs")
    public Uni<Page<DesignSummary>> list(
            @Parameter(description = "Only this unit's designs", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("unitId") String unitId,
            @Parameter(description = "Only designs of this activity type") @QueryParam("activityType") String activityType,
            @Parameter(description = "Only designs that target this segment") @QueryParam("segment") String segment,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return listing.page(QueryParams.uuid("unitId", unitId), key("activityType", activityType), key("segment", segment),
                cursor, QueryParams.limit(limit, 50, 200));
    }

    @POST
    @Path("/{designId}/revise")
    @Operation(summary = "Revise a design: a new version with the changed elements",
            description = "Elements left out stay as they are. Nothing changed (and no new agreement): no new version, "
                    + "the design as it stands. A retired design cannot be revised (409).")
    @APIResponse(responseCode = "200", description = "The design as it now stands", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = DesignView.class)))
    public Uni<Response> revise(@PathParam("designId") UUID designId,
                                @Parameter(description = "The ETag of the design as you last read it", required = true,
                                        schema = @Schema(type = SchemaType.STRING))
                                @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull ReviseDesignRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(designId).chain(() -> designs.revise(designId, expected, request))
                .map(DesignResource::ok);
    }

    @POST
    @Path("/{designId}/fork")
    @Operation(summary = "Fork a version of the design for other segments: a new design at version 1",
            description = "The segments must exist and differ from this design's segments (to change the design for its "
                    + "own segments, revise it). Default version: the current one. A retired design can be forked.")
    @APIResponse(responseCode = "201", description = "The new design; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = DesignView.class)))
    public Uni<Response> fork(@PathParam("designId") UUID designId, @Valid @NotNull ForkDesignRequest request,
                              @Parameter(description = "Makes retries safe: same key and body, same answer")
                              @HeaderParam("Idempotency-Key") String idempotencyKey,
                              @Context UriInfo uri) {
        return access.change(designId).chain(() -> designs.fork(designId, request, idempotencyKey))
                .map(created -> created(created, uri, "/designs/"));
    }

    @POST
    @Path("/{designId}/retire")
    @Operation(summary = "Retire a design: no new activities may use it; its versions stay readable")
    @APIResponse(responseCode = "200", description = "The design as it now stands", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = DesignView.class)))
    public Uni<Response> retire(@PathParam("designId") UUID designId,
                                @Parameter(description = "The ETag of the design as you last read it", required = true,
                                        schema = @Schema(type = SchemaType.STRING))
                                @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull RetireDesignRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(designId).chain(() -> designs.retire(designId, expected, request))
                .map(DesignResource::ok);
    }

    private static Response created(Creation.Created<DesignState> created, UriInfo uri, String path) {
        Decision<DesignState> decision = created.decision();
        return Answers.positioned(Answers.created(path + created.id()), decision)
                .tag(Versions.etag(decision.version()))
                .entity(DesignView.of((DefinedDesign) decision.state(), decision.version()))
                .build();
    }

    private static Response ok(Decision<DesignState> decision) {
        return Answers.ok(decision, (state, version) -> DesignView.of((DefinedDesign) state, version));
    }

    private static DesignVersion versionOf(Decision<DesignState> decision, UUID designId, int n) {
        DesignVersion version = ((DefinedDesign) decision.state()).version(n);
        if (version == null) {
            throw CommandRejected.notFound("design-version-not-found", "Design " + designId + " has no version " + n);
        }
        return version;
    }

    private static int versionNumber(String name, String value) {
        if (value == null || value.isBlank()) {
            throw QueryParams.invalid(name, "is required: a version number from 1");
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        throw QueryParams.invalid(name, "must be a version number from 1");
    }

    private static String key(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String key = value.strip();
        if (!key.matches(CatalogApi.KEY)) {
            throw QueryParams.invalid(name, CatalogApi.KEY_MESSAGE);
        }
        return key;
    }
}
