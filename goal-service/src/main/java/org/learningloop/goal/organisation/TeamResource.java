package org.learningloop.goal.organisation;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;
import org.learningloop.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.learningloop.goal.organisation.OrganisationApi.AddMemberRequest;
import org.learningloop.goal.organisation.OrganisationApi.ChangeRoleRequest;
import org.learningloop.goal.organisation.OrganisationApi.CreateTeamRequest;
import org.learningloop.goal.organisation.OrganisationApi.Team;
import org.learningloop.goal.organisation.TeamState.ExistingTeam;
import org.learningloop.goal.organisation.view.OrganisationQueries;
import org.learningloop.goal.organisation.view.OrganisationQueries.Memberships;
import org.learningloop.goal.organisation.view.OrganisationQueries.TeamItem;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.util.Map;
import java.util.UUID;

/** WIG teams and their members. Display names come from the staff data; events carry member ids only. */
@Path("/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Organisation", description = "Units, WIG teams and their members")
@Authenticated
public class TeamResource {

    private final TeamService teams;
    private final OrganisationQueries queries;
    private final Access access;

    public TeamResource(TeamService teams, OrganisationQueries queries, Access access) {
        this.teams = teams;
        this.access = access;
        this.queries = queries;
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Operation(summary = "Form a WIG team in a unit", description = "The unit must exist (422 unit-not-found). With an "
            + "Idempotency-Key, a retry with the same body returns the same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Formed, without members yet; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = Team.class)))
    public Uni<Response> create(@Valid @NotNull CreateTeamRequest request,
                                @Parameter(description = "Makes retries safe: same key and body, same answer")
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri) {
        return teams.create(request, idempotencyKey).map(created -> Answers.created(uri, created, (state, version) -> Team.of((ExistingTeam) state, version, Map.of())));
    }

    @GET
    @Path("/{teamId}")
    @Operation(summary = "A team with its current members, their display names and roles")
    @APIResponse(responseCode = "200", description = "The team; ETag is its version",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Team.class)))
    public Uni<Response> get(@PathParam("teamId") UUID teamId) {
        return access.team(teamId, Relation.MEMBER).chain(() -> teams.get(teamId)).chain(this::ok);
    }

    @GET
    @Operation(summary = "List teams", description = "In the order they were formed, optionally of one unit; pass "
            + "nextCursor back as cursor for the next page.")
    @APIResponse(responseCode = "200", description = "A page of teams")
    public Uni<Page<TeamItem>> list(
            @Parameter(description = "Only this unit's teams", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("unitId") String unitId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return queries.teams(QueryParams.uuid("unitId", unitId), cursor, QueryParams.limit(limit, 50, 200));
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @POST
    @Path("/{teamId}/members")
    @Operation(summary = "A member joins the team", description = "A member who left may join again (a new "
            + "membership); a current member gets 409 already-member. The display name is kept as staff data, "
            + "never in the event.")
    @APIResponse(responseCode = "200", description = "Joined; the team as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Team.class)))
    public Uni<Response> addMember(@PathParam("teamId") UUID teamId,
                                   @Parameter(description = "The ETag of the team as you last read it", required = true,
                                           schema = @Schema(type = SchemaType.STRING))
                                   @HeaderParam("If-Match") String ifMatch,
                                   @Valid @NotNull AddMemberRequest request) {
        long expected = Versions.required(ifMatch);
        return teams.addMember(teamId, expected, request).chain(this::ok);
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @PUT
    @Path("/{teamId}/members/{memberId}")
    @Operation(summary = "Change a current member's role", description = "The same role again changes nothing; "
            + "someone who is not (or no longer) a member gets 409 not-a-member.")
    @APIResponse(responseCode = "200", description = "The team as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Team.class)))
    public Uni<Response> changeRole(@PathParam("teamId") UUID teamId, @PathParam("memberId") UUID memberId,
                                    @Parameter(description = "The ETag of the team as you last read it", required = true,
                                            schema = @Schema(type = SchemaType.STRING))
                                    @HeaderParam("If-Match") String ifMatch,
                                    @Valid @NotNull ChangeRoleRequest request) {
        long expected = Versions.required(ifMatch);
        return teams.changeRole(teamId, memberId, expected, request).chain(this::ok);
    }

    @RolesAllowed(Roles.ORG_ADMIN)
    @DELETE
    @Path("/{teamId}/members/{memberId}")
    @Operation(summary = "A member leaves the team", description = "Their membership history stays "
            + "(GET /teams/{teamId}/members?includePast=true); someone who is not a current member gets 409 not-a-member.")
    @APIResponse(responseCode = "200", description = "Left; the team as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = Team.class)))
    public Uni<Response> removeMember(@PathParam("teamId") UUID teamId, @PathParam("memberId") UUID memberId,
                                      @Parameter(description = "The ETag of the team as you last read it", required = true,
                                              schema = @Schema(type = SchemaType.STRING))
                                      @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        return teams.removeMember(teamId, memberId, expected).chain(this::ok);
    }

    @GET
    @Path("/{teamId}/members")
    @Operation(summary = "The team's memberships", description = "Current members by default; with includePast=true "
            + "also those who left, each stay with its joinedAt and leftAt, in the order they began.")
    @APIResponse(responseCode = "200", description = "The memberships with display names",
            content = @Content(schema = @Schema(implementation = Memberships.class)))
    public Uni<Memberships> memberships(
            @PathParam("teamId") UUID teamId,
            @Parameter(description = "Also list memberships that ended (default false)",
                    schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("includePast") String includePast) {
        boolean past = flag("includePast", includePast);
        return access.team(teamId, Relation.MEMBER).chain(() -> teams.get(teamId))
                .chain(found -> queries.memberships(teamId, past));
    }

    /**
     * The team as it stands after {@code decision}, with its members' display names read only now, on a pooled
     * connection held for that one query: a request never holds a connection while the command loop takes another one
     * (enough concurrent requests would otherwise hold every pooled connection and wait for a second forever).
     */
    private Uni<Response> ok(Decision<TeamState> decision) {
        ExistingTeam team = (ExistingTeam) decision.state();
        return queries.displayNames(team.members().keySet())
                .map(names -> Answers.positioned(Response.ok(Team.of(team, decision.version(), names)), decision)
                        .tag(Versions.etag(decision.version()))
                        .build());
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        throw QueryParams.invalid(name, "must be true or false");
    }
}
