package org.learningloop.learning.meetings;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.learning.meetings.WigMeetingApi.OpenWigMeetingRequest;
import org.learningloop.learning.meetings.WigMeetingApi.RecordWigMeetingRequest;
import org.learningloop.learning.meetings.WigMeetingApi.WigMeetingView;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/** A team's weekly WIG meetings. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "WIG meetings", description = "Open the weekly WIG meeting with its agenda, and record it")
@Authenticated
public class WigMeetingResource {

    private final WigMeetingService meetings;
    private final Access access;

    /* Who may (ADR 15): the team lead (and the unit's manager) opens and records the team's WIG meetings; its
       members read them. */
    public WigMeetingResource(WigMeetingService meetings, Access access) {
        this.meetings = meetings;
        this.access = access;
    }

    @POST
    @Path("teams/{teamId}/wig-meetings")
    @Operation(summary = "Open the team's WIG meeting for an ISO week, with its agenda",
            description = "The agenda: the team's scoreboard for the week (active WIGs' latest lag vs target, active lead "
                    + "measures' actual this week and last vs weekly target), its open commitments of earlier weeks to "
                    + "account for, and its open learning candidates. One meeting per team and week: 409 wig-meeting-exists.")
    @APIResponse(responseCode = "201", description = "Opened with its agenda; Location names it, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WigMeetingView.class)))
    public Uni<Response> open(@PathParam("teamId") UUID teamId, @Valid @NotNull OpenWigMeetingRequest request) {
        return access.team(teamId, Relation.TEAM_LEAD).chain(() -> meetings.open(teamId, request)).chain(decision -> meetings.view(decision).map(view -> Answers.positioned(Answers
                .created("/wig-meetings/" + view.id()), decision)
                .tag(Versions.etag(decision.version())).entity(view).build()));
    }

    @GET
    @Path("wig-meetings/{wigMeetingId}")
    @Operation(summary = "A WIG meeting: its agenda and what it recorded")
    @APIResponse(responseCode = "200", description = "The meeting; ETag its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WigMeetingView.class)))
    public Uni<Response> get(@PathParam("wigMeetingId") UUID wigMeetingId) {
        return meetings.teamOf(wigMeetingId).chain(teamId -> access.team(teamId, Relation.MEMBER))
                .chain(() -> meetings.get(wigMeetingId)).chain(this::ok);
    }

    @GET
    @Path("teams/{teamId}/wig-meetings/{week}")
    @Operation(summary = "The team's WIG meeting of an ISO week: its agenda and what it recorded",
            description = "As GET /wig-meetings/{id}, found by team and week (e.g. 2026-W48): 404 wig-meeting-not-found "
                    + "when the team has not opened one that week, 400 for a week that does not exist.")
    @APIResponse(responseCode = "200", description = "The team's meeting of the week; ETag its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WigMeetingView.class)))
    public Uni<Response> ofWeek(@PathParam("teamId") UUID teamId, @PathParam("week")
            @Pattern(regexp = WigMeetingApi.WEEK, message = "must be an ISO week such as 2026-W48") String week) {
        UUID meetingId = WigMeetingService.meetingId(teamId, WigMeetingService.existingWeek("week", week));
        return access.team(teamId, Relation.MEMBER).chain(() -> meetings.get(meetingId)).chain(this::ok);
    }

    @POST
    @Path("wig-meetings/{wigMeetingId}/record")
    @Operation(summary = "Record the meeting: accountability, new commitments, learnings reported",
            description = "Once (409 wig-meeting-held). Accountability must name open commitments of the agenda, each "
                    + "once (422 commitment-not-open, commitment-accounted-twice); learnings must be the team's (422 "
                    + "learning-not-found); new commitments are due in the meeting's week or later (422).")
    @APIResponse(responseCode = "200", description = "Recorded; the meeting",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WigMeetingView.class)))
    public Uni<Response> record(@PathParam("wigMeetingId") UUID wigMeetingId, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull RecordWigMeetingRequest request) {
        long expected = Versions.required(ifMatch);
        return meetings.teamOf(wigMeetingId).chain(teamId -> access.team(teamId, Relation.TEAM_LEAD))
                .chain(() -> meetings.record(wigMeetingId, expected, request)).chain(this::ok);
    }

    private Uni<Response> ok(Decision<WigMeetingState> decision) {
        return meetings.view(decision).map(view -> Answers.positioned(Response.ok(view), decision)
                .tag(Versions.etag(decision.version())).build());
    }
}
