package org.learningloop.activity.loop;

import org.learningloop.activity.loop.ActivityCommand.CancelActivity;
import org.learningloop.activity.loop.ActivityCommand.CarryOutActivity;
import org.learningloop.activity.loop.ActivityCommand.EvaluateActivity;
import org.learningloop.activity.loop.ActivityCommand.GiveFeedback;
import org.learningloop.activity.loop.ActivityCommand.PlanActivity;
import org.learningloop.activity.loop.ActivityState.NoActivity;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.activity.loop.ActivityState.PlannedActivity.Status;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityEvent;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.FeedbackGiven;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/**
 * The rules of one activity's learning loop: planned with a design that exists and is not retired, at a
 * workplace of a known segment; carried out once unless cancelled; evaluated once, only after carrying
 * out; sorted feedback between participants, only after carrying out; cancelled only before carrying out.
 */
public final class ActivityDecider implements Decider<ActivityCommand, ActivityEvent, ActivityState> {

    @Override
    public ActivityState initialState() {
        return new NoActivity();
    }

    @Override
    public List<ActivityEvent> decide(ActivityCommand command, ActivityState state) {
        if (command instanceof PlanActivity plan) {
            return plan(plan, state);
        }
        if (command instanceof CarryOutActivity carryOut) {
            return carryOut(carryOut, state);
        }
        if (command instanceof EvaluateActivity evaluate) {
            return evaluate(evaluate, state);
        }
        if (command instanceof GiveFeedback feedback) {
            return feedback(feedback, state);
        }
        if (command instanceof CancelActivity cancel) {
            return cancel(cancel, state);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<ActivityEvent> plan(PlanActivity command, ActivityState state) {
        if (state instanceof PlannedActivity) {
            throw CommandRejected.ruleViolated("activity-exists", "Activity " + command.activityId() + " is already planned");
        }
        DesignFacts design = command.design();
        if (!design.exists()) {
            throw CommandRejected.unprocessable("design-not-found", "There is no design " + design.designId(),
                    new FieldError("designId", "no such design"));
        }
        if (design.retired()) {
            throw CommandRejected.ruleViolated("design-retired",
                    "Design " + design.designId() + " is retired: no new activities may use it");
        }
        int version = command.designVersion() == null ? design.currentVersion() : command.designVersion();
        if (version < 1 || version > design.currentVersion()) {
            throw CommandRejected.unprocessable("design-version-not-found",
                    "Design " + design.designId() + " has versions 1 to " + design.currentVersion() + ", not " + version,
                    new FieldError("designVersion", "no such version of the design"));
        }
        if (command.unitId() != null && design.unitId() != null && !command.unitId().equals(design.unitId())) {
            throw CommandRejected.unprocessable("design-of-other-unit",
                    "Design " + design.designId() + " belongs to unit " + design.unitId() + ", not to unit " + command.unitId(),
                    new FieldError("unitId", "is not the design's unit"));
        }
        if (!command.segmentKnown()) {
            throw CommandRejected.unprocessable("segment-not-found",
                    "There is no segment " + command.workplace().segment(),
                    new FieldError("workplace.segment", "no such segment"));
        }
        if (new HashSet<>(command.participants()).size() != command.participants().size()) {
            throw CommandRejected.unprocessable("duplicate-participant", "Each participant is named once",
                    new FieldError("participants", "names a member more than once"));
        }
        UUID unitId = command.unitId() != null ? command.unitId() : design.unitId();
        UUID leadMeasureId = command.leadMeasureId() != null ? command.leadMeasureId() : design.leadMeasureId();
        return List.of(new ActivityPlanned(command.activityId(), command.teamId(), unitId, design.activityType(),
                leadMeasureId, design.designId(), version, command.scheduledAt(), command.workplace(),
                List.copyOf(command.participants()), command.preparation(), command.hypothesis()));
    }

    private static List<ActivityEvent> carryOut(CarryOutActivity command, ActivityState state) {
        PlannedActivity activity = existing(state, command.activityId());
        refuseCancelled(activity);
        if (activity.carriedOut() != null) {
            throw CommandRejected.ruleViolated("activity-already-carried-out",
                    "Activity " + command.activityId() + " was already carried out at " + activity.carriedOut().carriedOutAt());
        }
        if (command.carriedOutAt().isAfter(command.now())) {
            throw CommandRejected.unprocessable("carried-out-in-future", "An activity is recorded once it is carried out",
                    new FieldError("carriedOutAt", "is in the future"));
        }
        ActivityPlanned plan = activity.plan();
        return List.of(new ActivityCarriedOut(plan.activityId(), plan.teamId(), plan.unitId(), plan.activityType(),
                plan.leadMeasureId(), plan.designId(), plan.designVersion(), plan.workplace().segment(),
                command.carriedOutAt(), command.presence(), command.focus(), command.intentionReached(),
                List.copyOf(command.adaptations()), new LinkedHashMap<>(command.outcomes())));
    }

    private static List<ActivityEvent> evaluate(EvaluateActivity command, ActivityState state) {
        PlannedActivity activity = existing(state, command.activityId());
        refuseCancelled(activity);
        refuseNotCarriedOut(activity, "evaluated");
        if (activity.evaluation() != null) {
            throw CommandRejected.ruleViolated("activity-already-evaluated",
                    "Activity " + command.activityId() + " is already evaluated; an activity is evaluated once");
        }
        ActivityPlanned plan = activity.plan();
        return List.of(new ActivityEvaluated(plan.activityId(), plan.teamId(), plan.unitId(), plan.designId(),
                plan.designVersion(), plan.workplace().segment(), command.filtering(), command.quality(),
                List.copyOf(command.improvementProposals())));
    }

    private static List<ActivityEvent> feedback(GiveFeedback command, ActivityState state) {
        PlannedActivity activity = existing(state, command.activityId());
        refuseCancelled(activity);
        refuseNotCarriedOut(activity, "given feedback on");
        ActivityPlanned plan = activity.plan();
        List<FieldError> strangers = new ArrayList<>();
        if (!plan.participants().contains(command.fromMemberId())) {
            strangers.add(new FieldError("fromMemberId", "is not a participant of the activity"));
        }
        if (!plan.participants().contains(command.toMemberId())) {
            strangers.add(new FieldError("toMemberId", "is not a participant of the activity"));
        }
        if (!strangers.isEmpty()) {
            throw CommandRejected.unprocessable("not-a-participant",
                    "Sorted feedback is given by a participant to themself or another participant",
                    strangers.toArray(FieldError[]::new));
        }
        return List.of(new FeedbackGiven(plan.activityId(), plan.teamId(), plan.unitId(), plan.designId(),
                plan.designVersion(), command.fromMemberId(), command.toMemberId(), List.copyOf(command.items())));
    }

    private static List<ActivityEvent> cancel(CancelActivity command, ActivityState state) {
        PlannedActivity activity = existing(state, command.activityId());
        refuseCancelled(activity);
        if (activity.carriedOut() != null) {
            throw CommandRejected.ruleViolated("activity-already-carried-out",
                    "Activity " + command.activityId() + " was carried out; only a planned activity can be cancelled");
        }
        ActivityPlanned plan = activity.plan();
        return List.of(new ActivityCancelled(plan.activityId(), plan.teamId(), plan.unitId(), command.reason()));
    }

    @Override
    public ActivityState evolve(ActivityState state, ActivityEvent event) {
        if (event instanceof ActivityPlanned planned) {
            return new PlannedActivity(planned, null, null, List.of(), null);
        }
        PlannedActivity activity = (PlannedActivity) state;
        if (event instanceof ActivityCarriedOut carriedOut) {
            return activity.withCarriedOut(carriedOut);
        }
        if (event instanceof ActivityEvaluated evaluated) {
            return activity.withEvaluation(evaluated);
        }
        if (event instanceof FeedbackGiven given) {
            return activity.withFeedback(given);
        }
        if (event instanceof ActivityCancelled cancelled) {
            return activity.withCancellation(cancelled);
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }

    private static PlannedActivity existing(ActivityState state, UUID activityId) {
        if (!(state instanceof PlannedActivity activity)) {
            throw CommandRejected.notFound("activity-not-found", "There is no activity " + activityId);
        }
        return activity;
    }

    private static void refuseCancelled(PlannedActivity activity) {
        if (activity.status() == Status.CANCELLED) {
            throw CommandRejected.ruleViolated("activity-cancelled",
                    "Activity " + activity.plan().activityId() + " is cancelled (" + activity.cancellation().reason()
                            + ") and takes no more changes");
        }
    }

    private static void refuseNotCarriedOut(PlannedActivity activity, String what) {
        if (activity.carriedOut() == null) {
            throw CommandRejected.ruleViolated("activity-not-carried-out",
                    "Activity " + activity.plan().activityId() + " is not carried out yet; it can only be " + what
                            + " after it is carried out");
        }
    }
}
