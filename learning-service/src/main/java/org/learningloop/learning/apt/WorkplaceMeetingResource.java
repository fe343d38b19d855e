package org.learningloop.learning.apt;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.learning.apt.WorkplaceMeetingApi.AgreementRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.CoachingNoteRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.LoopsView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.OpenWorkplaceMeetingRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.WorkplaceMeetingSummary;
import org.learningloop.learning.apt.WorkplaceMeetingApi.WorkplaceMeetingView;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Versions;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/** A unit's monthly workplace meetings (APT), and the loop iterations they close. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workplace meetings", description = "The monthly APT: digest, coaching notes, agreements, close; loop iterations")
@Authenticated
public class WorkplaceMeetingResource {

    private final WorkplaceMeetingService meetings;
    private final LoopIterations loops;
    private final Access access;

    public WorkplaceMeetingResource(WorkplaceMeetingService meetings, LoopIterations loops, Access access) {
        this.meetings = meetings;
        this.loops = loops;
        this.access = access;
    }

    /*
     * Who may (ADR 15): the unit's manager opens its workplace meetings, adds coaching notes and agreements and
     * closes them; the members of the unit's teams read them; a team's members read its loop iterations.
     */

    private Uni<Void> manager(UUID meetingId) {
        return meetings.unitOf(meetingId).chain(unitId -> access.unit(unitId, Relation.MANAGER));
    }

    @POST
    @Path("units/{unitId}/workplace-meetings")
    @Operation(summary = "Open the unit's workplace meeting for a month, with the digest of its teams' learning",
            description = "One meeting per unit and month: 409 workplace-meeting-exists. The digest is computed from the "
                    + "read models as they stand.")
    @APIResponse(responseCode = "201", description = "Opened with its digest; Location names it, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkplaceMeetingView.class)))
    public Uni<Response> open(@PathParam("unitId") UUID unitId, @Valid @NotNull OpenWorkplaceMeetingRequest request) {
        return access.unit(unitId, Relation.MANAGER).chain(() -> meetings.open(unitId, request)).chain(decision -> meetings.view(decision).map(view -> Answers.positioned(Answers
                .created("/workplace-meetings/" + view.id()), decision)
                .tag(Versions.etag(decision.version())).entity(view).build()));
    }

    @GET
    @Path("units/{unitId}/workplace-meetings")
    @Operation(summary = "The unit's workplace meetings, by month")
    public Uni<Page<WorkplaceMeetingSummary>> list(@PathParam("unitId") UUID unitId, @QueryParam("cursor") String cursor,
                                                   @QueryParam("limit") String limit) {
        int size = QueryParams.limit(limit, 50, 200);
        return access.unit(unitId, Relation.MEMBER)
                .chain(() -> meetings.list(unitId, cursor == null || cursor.isBlank() ? null : cursor, size));
    }

    @GET
    @Path("workplace-meetings/{id}")
    @Operation(summary = "A workplace meeting with its digest as of now")
    @APIResponse(responseCode = "200", description = "The meeting; ETag its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkplaceMeetingView.class)))
    public Uni<Response> get(@PathParam("id") UUID id) {
        return meetings.unitOf(id).chain(unitId -> access.unit(unitId, Relation.MEMBER))
                .chain(() -> meetings.get(id)).chain(this::ok);
    }

    @POST
    @Path("workplace-meetings/{id}/coaching-notes")
    @Operation(summary = "Add a coaching note (If-Match required)",
            description = "409 workplace-meeting-closed; 412 stale; 422 team-not-in-unit; 428 without If-Match")
    @APIResponse(responseCode = "200", description = "Added; the meeting",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkplaceMeetingView.class)))
    public Uni<Response> note(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                              @Valid @NotNull CoachingNoteRequest request) {
        long expected = Versions.required(ifMatch);
        return manager(id).chain(() -> meetings.addNote(id, expected, request)).chain(this::ok);
    }

    @POST
    @Path("workplace-meetings/{id}/agreements")
    @Operation(summary = "Record an agreement about one design or lead measure (If-Match required)",
            description = "Takes effect when the meeting closes. 409 workplace-meeting-closed, agreement-exists; 412 stale; "
                    + "422 when the kind's fields are missing or fields of another kind are given; 428 without If-Match")
    @APIResponse(responseCode = "200", description = "Recorded; the meeting",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkplaceMeetingView.class)))
    public Uni<Response> agreement(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
                                   @Valid @NotNull AgreementRequest request) {
        long expected = Versions.required(ifMatch);
        return manager(id).chain(() -> meetings.recordAgreement(id, expected, request)).chain(this::ok);
    }

    @POST
    @Path("workplace-meetings/{id}/close")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Close the meeting (If-Match required): publish its agreements, advance each team's loop",
            description = "409 workplace-meeting-closed, loop-closed-later; 412 stale; 428 without If-Match")
    @APIResponse(responseCode = "200", description = "Closed; the meeting",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WorkplaceMeetingView.class)))
    public Uni<Response> close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        return manager(id).chain(() -> meetings.close(id, expected)).chain(this::ok);
    }

    @GET
    @Path("teams/{teamId}/loops")
    @Operation(summary = "The team's loop iterations, oldest first; the last is the current one")
    public Uni<LoopsView> loops(@PathParam("teamId") UUID teamId) {
        return access.team(teamId, Relation.MEMBER).chain(() -> loops.loops(teamId));
    }

    private Uni<Response> ok(Decision<WorkplaceMeetingState> decision) {
        return meetings.view(decision).map(view -> Answers.positioned(Response.ok(view), decision)
                .tag(Versions.etag(decision.version())).build());
    }
}
