package org.learningloop.activity.loop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.catalog.Catalog;
import org.learningloop.activity.loop.ActivityApi.AdaptationBody;
import org.learningloop.activity.loop.ActivityApi.CancelRequest;
import org.learningloop.activity.loop.ActivityApi.CarryOutRequest;
import org.learningloop.activity.loop.ActivityApi.EvaluateRequest;
import org.learningloop.activity.loop.ActivityApi.FeedbackItemBody;
import org.learningloop.activity.loop.ActivityApi.FeedbackRequest;
import org.learningloop.activity.loop.ActivityApi.PlanActivityRequest;
import org.learningloop.activity.loop.ActivityApi.ProposalBody;
import org.learningloop.activity.loop.ActivityCommand.CancelActivity;
import org.learningloop.activity.loop.ActivityCommand.CarryOutActivity;
import org.learningloop.activity.loop.ActivityCommand.EvaluateActivity;
import org.learningloop.activity.loop.ActivityCommand.GiveFeedback;
import org.learningloop.activity.loop.ActivityCommand.PlanActivity;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.activity.loop.listing.ActivityListing;
import org.learningloop.contracts.activity.ActivityEvent;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Turns activity requests into commands on activity streams, and writes the team list read model in the
 * same transaction as each change.
 */
@ApplicationScoped
public class ActivityService {

    static final Aggregate<ActivityCommand, ActivityEvent, ActivityState> ACTIVITY =
            new Aggregate<>("activity", new ActivityDecider(), ActivityEvent.class, ActivityEvents.CATALOG);

    /** Designs are read, never changed, here: their stream type is the design package's. */
    static final String DESIGN_STREAM_TYPE = "design";

    private final Catalog catalog;
    private final CommandHandler handler;
    private final Creation creation;
    private final ActivityListing listing;
    private final Segments segments;
    private final Clock clock;
    private final Caller caller;

    public ActivityService(CommandHandler handler, Creation creation, ActivityListing listing, Segments segments,
                           Catalog catalog, Clock clock, Caller caller) {
        this.catalog = catalog;
        this.handler = handler;
        this.creation = creation;
        this.listing = listing;
        this.segments = segments;
        this.clock = clock;
        this.caller = caller;
    }

    public Uni<Creation.Created<ActivityState>> plan(PlanActivityRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        return design(request.designId())
                .chain(design -> segments.exists(request.workplace().segment())
                        .chain(segmentKnown -> creation.create(ACTIVITY, "POST /activities", idempotencyKey, request,
                                id -> new PlanActivity(id, request.teamId(), request.unitId(), request.leadMeasureId(),
                                        design, request.designVersion(), request.scheduledAt(),
                                        request.workplace().toWorkplace(), segmentKnown, request.participants(),
                                        request.preparation().strip(), request.hypothesis().strip()),
                                CommandContext.of(now, caller.actor()),
                                (tx, decision) -> write(tx, decision, now))));
    }

    public Uni<Decision<ActivityState>> carryOut(UUID activityId, long expectedVersion, CarryOutRequest request) {
        Instant now = clock.instant();
        List<AdaptationBody> adaptations = request.adaptations() == null ? List.of() : request.adaptations();
        LinkedHashMap<String, Integer> outcomes = request.outcomes() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(request.outcomes());
        return change(activityId, new CarryOutActivity(activityId, request.carriedOutAt(), request.presence(),
                request.focus(), request.intentionReached(), adaptations.stream().map(AdaptationBody::toAdaptation).toList(),
                outcomes, now), expectedVersion, now, (tx, decision) -> declared(tx, decision, outcomes.keySet()));
    }

    /**
     * Refuses (400, in the command's transaction, so nothing is stored) outcomes the activity's type does not
     * declare: an outcome's name is the type's vocabulary, never free text that could name a person (issue 12).
     */
    private Uni<Void> declared(SqlClient tx, Decision<ActivityState> decision, Set<String> outcomes) {
        if (decision.appended().isEmpty()) {
            return Uni.createFrom().voidItem(); // carried out already: nothing recorded now
        }
        String type = ((PlannedActivity) decision.state()).plan().activityType();
        return catalog.undeclaredOutcomes(tx, type, outcomes).invoke(undeclared -> {
            if (!undeclared.isEmpty()) {
                throw new HttpProblem(Problem.of(400, "undeclared-outcome", "Invalid request",
                        "The activity type " + type + " records no outcome " + String.join(", ", undeclared)
                                + " (never declared, or retired); an org admin declares outcomes (POST /activity-types/" + type + "/outcomes)")
                        .withErrors(undeclared.stream().map(name -> new Problem.FieldError("outcomes." + name,
                                "is not an outcome the activity type " + type + " records")).toList()));
            }
        }).replaceWithVoid();
    }

    public Uni<Decision<ActivityState>> evaluate(UUID activityId, long expectedVersion, EvaluateRequest request) {
        List<ProposalBody> proposals = request.improvementProposals() == null ? List.of() : request.improvementProposals();
        return change(activityId, new EvaluateActivity(activityId, request.filtering().toFiltering(),
                request.quality().toScores(), proposals.stream().map(ProposalBody::toProposal).toList()),
                expectedVersion, clock.instant());
    }

    public Uni<Decision<ActivityState>> giveFeedback(UUID activityId, long expectedVersion, FeedbackRequest request) {
        return change(activityId, new GiveFeedback(activityId, request.fromMemberId(), request.toMemberId(),
                request.items().stream().map(FeedbackItemBody::toItem).toList()), expectedVersion, clock.instant());
    }

    public Uni<Decision<ActivityState>> cancel(UUID activityId, long expectedVersion, CancelRequest request) {
        return change(activityId, new CancelActivity(activityId, request.reason().strip()), expectedVersion,
                clock.instant());
    }

    /** The activity and its version; 404 when there is none. */
    public Uni<Decision<ActivityState>> get(UUID activityId) {
        return handler.load(ACTIVITY, ACTIVITY.streamId(activityId)).invoke(decision -> {
            if (!(decision.state() instanceof PlannedActivity)) {
                throw CommandRejected.notFound("activity-not-found", "There is no activity " + activityId);
            }
        });
    }

    /** What the design's published events say of the design {@code designId}. */
    public Uni<DesignFacts> design(UUID designId) {
        return handler.events(DESIGN_STREAM_TYPE + "-" + designId).map(recorded -> DesignFacts.of(designId,
                recorded.stream()
                        .map(event -> ActivityEvents.CATALOG.decode(event.type(), event.typeVersion(), event.payload(),
                                event.occurredAt()))
                        .filter(DesignEvent.class::isInstance)
                        .map(DesignEvent.class::cast)
                        .toList()));
    }

    private Uni<Decision<ActivityState>> change(UUID activityId, ActivityCommand command, long expectedVersion,
                                                Instant now) {
        return change(activityId, command, expectedVersion, now, (tx, decision) -> Uni.createFrom().voidItem());
    }

    /** Decides and appends the command; {@code check} may refuse the decision before it is committed. */
    private Uni<Decision<ActivityState>> change(UUID activityId, ActivityCommand command, long expectedVersion,
                                                Instant now,
                                                BiFunction<SqlClient, Decision<ActivityState>, Uni<Void>> check) {
        return handler.change(ACTIVITY, activityId, command, expectedVersion, CommandContext.of(now, caller.actor()),
                (tx, decision) -> check.apply(tx, decision).chain(() -> decision.appended().isEmpty()
                        ? Uni.createFrom().voidItem() : write(tx, decision, now)));
    }

    private Uni<Void> write(SqlClient tx, Decision<ActivityState> decision, Instant now) {
        PlannedActivity activity = (PlannedActivity) decision.state();
        var plan = activity.plan();
        return listing.write(tx, new ActivityListing.Entry(plan.activityId(), plan.teamId(), plan.unitId(),
                plan.leadMeasureId(), plan.activityType(), plan.designId(), plan.designVersion(),
                plan.workplace().segment(), plan.scheduledAt(),
                activity.carriedOut() == null ? null : activity.carriedOut().carriedOutAt(),
                ActivityApi.status(activity.status()), activity.feedback().size(), decision.version()), now);
    }
}
