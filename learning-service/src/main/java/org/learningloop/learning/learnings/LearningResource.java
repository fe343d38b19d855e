package org.learningloop.learning.learnings;

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
import org.learningloop.contracts.Text;
import org.learningloop.learning.learnings.LearningApi.CandidateView;
import org.learningloop.learning.learnings.LearningApi.DismissRequest;
import org.learningloop.learning.learnings.LearningApi.LearningSummary;
import org.learningloop.learning.learnings.LearningApi.LearningView;
import org.learningloop.learning.learnings.LearningApi.MergeRequest;
import org.learningloop.learning.learnings.LearningApi.RecordLearningRequest;
import org.learningloop.learning.learnings.LearningState.RecordedLearning;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Versions;

import java.util.Set;
import java.util.UUID;

/** Learnings and learning candidates of a team. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Learnings", description = "Record learnings; confirm or dismiss learning candidates")
@Authenticated
public class LearningResource {

    private static final Set<String> STATUSES = Set.of("open", "confirmed", "dismissed");

    private final LearningService learnings;
    private final LearningAccess access;

    public LearningResource(LearningService learnings, LearningAccess access) {
        this.learnings = learnings;
        this.access = access;
    }

    @POST
    @Path("teams/{teamId}/learnings")
    @Operation(summary = "Record a learning",
            description = "Tags from the controlled vocabulary (422 unknown-tag). With fromCandidateId the open candidate "
                    + "is confirmed (422 candidate-not-found, 409 candidate-not-open). With an Idempotency-Key a retry "
                    + "with the same body gets the same answer.")
    @APIResponse(responseCode = "201", description = "Recorded; Location names it, ETag its version",
            headers = {@Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LearningView.class)))
    public Uni<Response> record(@PathParam("teamId") UUID teamId, @Valid @NotNull RecordLearningRequest request,
                                @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return access.team(teamId).chain(() -> learnings.record(teamId, request, idempotencyKey)).map(created -> Answers.positioned(Answers
                .created("/learnings/" + created.id()), created.decision())
                .tag(Versions.etag(created.decision().version()))
                .entity(view(created.decision().state(), created.decision().version()))
                .build());
    }

    @GET
    @Path("learnings/{learningId}")
    @Operation(summary = "A learning")
    @APIResponse(responseCode = "200", description = "The learning; ETag its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LearningView.class)))
    public Uni<Response> get(@PathParam("learningId") UUID learningId) {
        return access.learning(learningId).chain(() -> learnings.get(learningId))
                .map(decision -> Answers.ok(decision, LearningResource::view));
    }

    @GET
    @Path("teams/{teamId}/learnings")
    @Operation(summary = "A team's learnings, in the order recorded", description = "Pass nextCursor back as cursor.")
    public Uni<Page<LearningSummary>> list(@PathParam("teamId") UUID teamId, @QueryParam("cursor") String cursor,
                                           @QueryParam("limit") String limit) {
        int size = QueryParams.limit(limit, 50, 200);
        return access.team(teamId).chain(() -> learnings.list(teamId, Text.stripToNull(cursor), size));
    }

    @GET
    @Path("teams/{teamId}/learning-candidates")
    @Operation(summary = "A team's learning candidates (improvement proposals of evaluations), in the order proposed")
    public Uni<Page<CandidateView>> candidates(@PathParam("teamId") UUID teamId, @QueryParam("status") String status,
                                               @QueryParam("cursor") String cursor, @QueryParam("limit") String limit) {
        String value = Text.stripToNull(status);
        if (value != null && !STATUSES.contains(value)) {
            throw QueryParams.invalid("status", "must be one of open, confirmed, dismissed");
        }
        int size = QueryParams.limit(limit, 50, 200);
        return access.team(teamId).chain(() -> learnings.candidates(teamId, value, Text.stripToNull(cursor), size));
    }

    @GET
    @Path("learning-candidates/{candidateId}")
    @Operation(summary = "A learning candidate; its ETag is what dismiss and merge take as If-Match",
            description = "404 candidate-not-found.")
    @APIResponse(responseCode = "200", description = "The candidate; ETag its version",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CandidateView.class)))
    public Uni<Response> candidate(@PathParam("candidateId") UUID candidateId) {
        return access.readCandidate(candidateId).chain(() -> learnings.candidate(candidateId))
                .map(LearningResource::candidateAnswer);
    }

    @POST
    @Path("learning-candidates/{candidateId}/dismiss")
    @Operation(summary = "Dismiss an open learning candidate, with the reason (If-Match required)",
            description = "404 candidate-not-found; 409 candidate-not-open when confirmed or dismissed already; 412 when "
                    + "resolved since the version named; 428 without If-Match.")
    @APIResponse(responseCode = "200", description = "Dismissed; the candidate",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CandidateView.class)))
    public Uni<Response> dismiss(@PathParam("candidateId") UUID candidateId, @HeaderParam("If-Match") String ifMatch,
                                 @Valid @NotNull DismissRequest request) {
        long expected = Versions.required(ifMatch);
        return access.resolveCandidate(candidateId).chain(() -> learnings.dismiss(candidateId, expected, request))
                .map(LearningResource::candidateAnswer);
    }

    @POST
    @Path("learning-candidates/{candidateId}/merge")
    @Operation(summary = "Merge an open learning candidate into a learning the team has recorded (If-Match required)",
            description = "The candidate becomes confirmed by that learning. 404 candidate-not-found; 409 "
                    + "candidate-not-open; 412 when resolved since the version named; 422 learning-not-found (none, or "
                    + "another team's); 428 without If-Match.")
    @APIResponse(responseCode = "200", description = "Merged; the candidate",
            headers = @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CandidateView.class)))
    public Uni<Response> merge(@PathParam("candidateId") UUID candidateId, @HeaderParam("If-Match") String ifMatch,
                               @Valid @NotNull MergeRequest request) {
        long expected = Versions.required(ifMatch);
        return access.resolveCandidate(candidateId).chain(() -> learnings.merge(candidateId, expected, request))
                .map(LearningResource::candidateAnswer);
    }

    private static Response candidateAnswer(CandidateView candidate) {
        return Response.ok(candidate).tag(Versions.etag(candidate.version())).build();
    }

    private static LearningView view(LearningState state, long version) {
        return LearningView.of(((RecordedLearning) state).recorded(), version);
    }

}
