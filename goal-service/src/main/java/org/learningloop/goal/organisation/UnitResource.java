package org.learningloop.goal.organisation;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import org.learningloop.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.learningloop.goal.organisation.OrganisationApi.ChangeManagerRequest;
import org.learningloop.goal.organisation.OrganisationApi.CreateUnitRequest;
import org.learningloop.goal.organisation.OrganisationApi.Unit;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.goal.organisation.view.OrganisationQueries;
import org.learningloop.goal.organisation.view.OrganisationQueries.UnitItem;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.util.UUID;

/** Units (e.g. region offices) and their managers. */
@Path("/units")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation", description = "Units, WIG teams and their members")
@Authenticated
public class UnitResource {

    private final UnitService units;
    private final OrganisationQueries queries;

    public UnitResource(UnitService units, OrganisationQueries queries) {
        this.units = units;
        this.queries = queries;
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Operation(summary = "Set up a unit with its manager", description = "With an Idempotency-Key, a retry with the "
            + "same body returns the same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Set up; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = Unit.class)))
    public Uni<Response> create(@Valid @NotNull CreateUnitRequest request,
                                @Parameter(description = "Makes retries safe: same key and body, same answer")
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri) {
        return units.create(request, idempotencyKey).map(created -> Answers.created(uri, created, (state, version) -> Unit.of((ExistingUnit) state, version)));
    }

    @GET
    @Path("/{unitId}")
    @Operation(summary = "A unit and its manager")
    @APIResponse(responseCode = "200", description = "The unit; ETag is its version",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Unit.class)))
    public Uni<Response> get(@PathParam("unitId") UUID unitId) {
        return units.get(unitId).map(UnitResource::ok);
    }

    @GET
    @Operation(summary = "List units", description = "In the order they were set up; pass nextCursor back as cursor "
            + "for the next page.")
    @APIResponse(responseCode = "200", description = "A page of units")
    public Uni<Page<UnitItem>> list(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return queries.units(cursor, QueryParams.limit(limit, 50, 200));
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @PUT
    @Path("/{unitId}/manager")
    @Operation(summary = "Give the unit another manager", description = "The same manager again changes nothing.")
    @APIResponse(responseCode = "200", description = "The unit as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Unit.class)))
    public Uni<Response> changeManager(@PathParam("unitId") UUID unitId,
                                       @Parameter(description = "The ETag of the unit as you last read it", required = true,
                                               schema = @Schema(type = SchemaType.STRING))
                                       @HeaderParam("If-Match") String ifMatch,
                                       @Valid @NotNull ChangeManagerRequest request) {
        long expected = Versions.required(ifMatch);
        return units.changeManager(unitId, expected, request).map(UnitResource::ok);
    }

    private static Response ok(Decision<UnitState> decision) {
        return Answers.ok(decision, (state, version) -> Unit.of((ExistingUnit) state, version));
    }
}
