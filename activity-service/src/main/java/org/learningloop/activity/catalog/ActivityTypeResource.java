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
import org.learningloop.activity.catalog.CatalogApi.ActivityType;
import org.learningloop.activity.catalog.CatalogApi.ActivityTypeRequest;
import org.learningloop.activity.catalog.CatalogApi.OutcomeRequest;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;

/** Activity types: which recurring activities run through the loop (data, not code). */
@Path("/activity-types")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activity types", description = "Workplace visits, development dialogues, safety rounds… and any added")
@Authenticated
public class ActivityTypeResource {

    private final Catalog catalog;

    public ActivityTypeResource(Catalog catalog) {
        this.catalog = catalog;
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Operation(summary = "Add an activity type", description = "Keys are unique: an existing key gets 409.")
    @APIResponse(responseCode = "201", description = "Added; Location names it", headers = @Header(name = "Location"),
            content = @Content(schema = @Schema(implementation = ActivityType.class)))
    public Uni<Response> add(@Valid @NotNull ActivityTypeRequest request, @Context UriInfo uri) {
        return catalog.addActivityType(request).map(type -> Answers
                .created(Answers.below(uri, type.key())).entity(type).build());
    }

    @GET
    @Operation(summary = "List activity types", description = "In key order; pass nextCursor back as cursor.")
    public Uni<Page<ActivityType>> list(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 100)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return catalog.activityTypes(cursor, QueryParams.limit(limit, 100, 200));
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Path("/{key}/outcomes")
    @Operation(summary = "Declare one more outcome of an activity type",
            description = "Activities of the type may record it from now on (a count, never a name). Outcomes are "
                    + "never removed, only retired: events and reports name them. 404 activity-type-not-found, "
                    + "409 outcome-exists (a retired one too: a name keeps its meaning).")
    @APIResponse(responseCode = "201", description = "Declared; the activity type with its outcomes; Location names it",
            headers = @Header(name = "Location"), content = @Content(schema = @Schema(implementation = ActivityType.class)))
    public Uni<Response> addOutcome(@PathParam("key") String key, @Valid @NotNull OutcomeRequest request) {
        return catalog.addOutcome(key, request).map(type -> Answers
                .created("/activity-types/" + type.key()).entity(type).build());
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Path("/{key}/outcomes/{name}/retire")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Retire an outcome of an activity type",
            description = "Activities carried out from now on may not record it (400 undeclared-outcome); the events "
                    + "and reports that name it stay. Retiring it again changes nothing. 404 activity-type-not-found, "
                    + "outcome-not-found.")
    @APIResponse(responseCode = "200", description = "Retired; the activity type with its outcomes",
            content = @Content(schema = @Schema(implementation = ActivityType.class)))
    public Uni<ActivityType> retireOutcome(@PathParam("key") String key, @PathParam("name") String name) {
        return catalog.retireOutcome(key, name);
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Path("/{key}/retire")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Retire an activity type",
            description = "New designs cannot use it (422 unknown-activity-type); designs, activities and reports that "
                    + "name it stay. Retiring it again changes nothing. 404 activity-type-not-found.")
    public Uni<ActivityType> retire(@PathParam("key") String key) {
        return catalog.retireActivityType(key).map(type -> {
            if (type == null) {
                throw CommandRejected.notFound("activity-type-not-found", "There is no activity type " + key);
            }
            return type;
        });
    }

    @GET
    @Path("/{key}")
    @Operation(summary = "An activity type")
    public Uni<ActivityType> get(@PathParam("key") String key) {
        return catalog.activityType(key).map(type -> {
            if (type == null) {
                throw CommandRejected.notFound("activity-type-not-found", "There is no activity type " + key);
            }
            return type;
        });
    }
}
