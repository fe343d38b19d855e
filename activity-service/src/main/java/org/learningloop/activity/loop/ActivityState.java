package org.learningloop.activity.loop;

import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.FeedbackGiven;

import java.util.ArrayList;
import java.util.List;

/** An activity's loop: not planned yet, or planned with whatever of during and after has happened since. */
public sealed interface ActivityState {

    /** No activity in this stream yet. */
    record NoActivity() implements ActivityState {
    }

    /**
     * A planned activity and its loop so far.
     *
     * @param carriedOut   the during, or {@code null}
     * @param evaluation   the after's evaluation, or {@code null}
     * @param feedback     sorted feedback given, oldest first
     * @param cancellation the cancellation, or {@code null}
     */
    record PlannedActivity(ActivityPlanned plan, ActivityCarriedOut carriedOut, ActivityEvaluated evaluation,
                           List<FeedbackGiven> feedback, ActivityCancelled cancellation) implements ActivityState {

        /** Where the activity is in its loop. */
        public enum Status { PLANNED, CARRIED_OUT, EVALUATED, CANCELLED }

        public PlannedActivity {
            feedback = List.copyOf(feedback);
        }

        public Status status() {
            if (cancellation != null) {
                return Status.CANCELLED;
            }
            if (evaluation != null) {
                return Status.EVALUATED;
            }
            return carriedOut != null ? Status.CARRIED_OUT : Status.PLANNED;
        }

        PlannedActivity withCarriedOut(ActivityCarriedOut event) {
            return new PlannedActivity(plan, event, evaluation, feedback, cancellation);
        }

        PlannedActivity withEvaluation(ActivityEvaluated event) {
            return new PlannedActivity(plan, carriedOut, event, feedback, cancellation);
        }

        PlannedActivity withFeedback(FeedbackGiven event) {
            List<FeedbackGiven> next = new ArrayList<>(feedback);
            next.add(event);
            return new PlannedActivity(plan, carriedOut, evaluation, next, cancellation);
        }

        PlannedActivity withCancellation(ActivityCancelled event) {
            return new PlannedActivity(plan, carriedOut, evaluation, feedback, event);
        }
    }
}
