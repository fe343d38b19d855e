package org.learningloop.activity.loop;

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
import org.learningloop.activity.loop.ActivityApi.ActivityView;
import org.learningloop.activity.loop.ActivityApi.CancelRequest;
import org.learningloop.activity.loop.ActivityApi.CarryOutRequest;
import org.learningloop.activity.loop.ActivityApi.EvaluateRequest;
import org.learningloop.activity.loop.ActivityApi.FeedbackRequest;
import org.learningloop.activity.loop.ActivityApi.PlanActivityRequest;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.util.UUID;

/** Activities through the learning loop: plan (before), carry out (during), evaluate and give feedback (after). */
@Path("/activities")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Activities", description = "Plan, carry out, evaluate, give sorted feedback on and cancel activities")
@Authenticated
public class ActivityResource {

    private static final String IF_MATCH = "The ETag of the activity as you last read it";

    private final ActivityService activities;
    private final ActivityAccess access;

    public ActivityResource(ActivityService activities, ActivityAccess access) {
        this.activities = activities;
        this.access = access;
    }

    @POST
    @Operation(summary = "Plan an activity (before)",
            description = "The design must exist and not be retired (its activity type becomes the activity's); the "
                    + "version defaults to the design's current one. The workplace's segment must be known. With an "
                    + "Idempotency-Key, a retry with the same body returns the same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Planned; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = ActivityView.class)))
    @APIResponse(responseCode = "409", description = "The design is retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> plan(@Valid @NotNull PlanActivityRequest request,
                              @Parameter(description = "Makes retries safe: same key and body, same answer")
                              @HeaderParam("Idempotency-Key") String idempotencyKey,
                              @Context UriInfo uri) {
        return access.team(request.teamId()).chain(() -> activities.plan(request, idempotencyKey)).map(created -> Answers.created(uri, created, (state, version) -> ActivityView.of((PlannedActivity) state, version)));
    }

    @GET
    @Path("/{activityId}")
    @Operation(summary = "An activity with its whole loop: plan, carrying out, evaluation, feedback and status")
    @APIResponse(responseCode = "200", description = "The activity; ETag is its version",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public Uni<Response> get(@PathParam("activityId") UUID activityId) {
        return access.activity(activityId).chain(() -> activities.get(activityId)).map(ActivityResource::ok);
    }

    @POST
    @Path("/{activityId}/carry-out")
    @Operation(summary = "Record how the activity was carried out (during)",
            description = "Once, unless cancelled; not in the future. Outcomes are non-negative counts, never names.")
    @APIResponse(responseCode = "200", description = "Carried out; the activity as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public Uni<Response> carryOut(@PathParam("activityId") UUID activityId,
                                  @Parameter(description = IF_MATCH, required = true, schema = @Schema(type = SchemaType.STRING))
                                  @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull CarryOutRequest request) {
        long expected = Versions.required(ifMatch);
        return access.activity(activityId).chain(() -> activities.carryOut(activityId, expected, request))
                .map(ActivityResource::ok);
    }

    @POST
    @Path("/{activityId}/evaluate")
    @Operation(summary = "Evaluate the activity (after): filtering, quality scores, improvement proposals",
            description = "Only after it is carried out, and once.")
    @APIResponse(responseCode = "200", description = "Evaluated; the activity as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public Uni<Response> evaluate(@PathParam("activityId") UUID activityId,
                                  @Parameter(description = IF_MATCH, required = true, schema = @Schema(type = SchemaType.STRING))
                                  @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull EvaluateRequest request) {
        long expected = Versions.required(ifMatch);
        return access.activity(activityId).chain(() -> activities.evaluate(activityId, expected, request))
                .map(ActivityResource::ok);
    }

    @POST
    @Path("/{activityId}/feedback")
    @Operation(summary = "Give sorted feedback to yourself or another participant",
            description = "Only after the activity is carried out; both members must be participants (422 "
                    + "not-a-participant). Several feedbacks per activity.")
    @APIResponse(responseCode = "200", description = "Given; the activity as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public Uni<Response> giveFeedback(@PathParam("activityId") UUID activityId,
                                      @Parameter(description = IF_MATCH, required = true, schema = @Schema(type = SchemaType.STRING))
                                      @HeaderParam("If-Match") String ifMatch,
                                      @Valid @NotNull FeedbackRequest request) {
        long expected = Versions.required(ifMatch);
        return access.activity(activityId).chain(() -> activities.giveFeedback(activityId, expected, request))
                .map(ActivityResource::ok);
    }

    @POST
    @Path("/{activityId}/cancel")
    @Operation(summary = "Cancel a planned activity, with the reason", description = "Only before it is carried out.")
    @APIResponse(responseCode = "200", description = "Cancelled; the activity as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ActivityView.class)))
    public Uni<Response> cancel(@PathParam("activityId") UUID activityId,
                                @Parameter(description = IF_MATCH, required = true, schema = @Schema(type = SchemaType.STRING))
                                @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull CancelRequest request) {
        long expected = Versions.required(ifMatch);
        return access.activity(activityId).chain(() -> activities.cancel(activityId, expected, request))
                .map(ActivityResource::ok);
    }

    private static Response ok(Decision<ActivityState> decision) {
        return Answers.ok(decision, (state, version) -> ActivityView.of((PlannedActivity) state, version));
    }
}
