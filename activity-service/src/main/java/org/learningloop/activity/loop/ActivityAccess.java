package org.learningloop.activity.loop;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;

import java.util.UUID;

/**
 * Who may plan, read and work on a team's activities (ADR 15): its members, its lead and its unit's manager (and
 * organisation admins): planning, carrying out, evaluating, giving feedback, cancelling, reading.
 */
@ApplicationScoped
public class ActivityAccess {

    private final ActivityService activities;
    private final Access access;

    public ActivityAccess(ActivityService activities, Access access) {
        this.activities = activities;
        this.access = access;
    }

    /** Anything on the team's activities. */
    public Uni<Void> team(UUID teamId) {
        return access.team(teamId, Relation.MEMBER);
    }

    /** Anything on the activity {@code activityId} (404 when there is none). */
    public Uni<Void> activity(UUID activityId) {
        return activities.get(activityId)
                .chain(decision -> team(((PlannedActivity) decision.state()).plan().teamId()));
    }
}
