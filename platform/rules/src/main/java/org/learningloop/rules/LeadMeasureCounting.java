package org.learningloop.rules;

import org.learningloop.contracts.Periods;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which activities count toward which lead measure, and in which week: the one counting rule of the loop (ADR 21).
 * goal-service's scoreboard, learning-service's WIG-meeting agenda and APT digest, and reporting-service's verdict,
 * roll-ups and design reports all count with it, so a team sees the same number wherever it looks.
 * <p>
 * An activity carried out counts toward the lead measures of its team and activity type that were active when it
 * was carried out ({@code activeFrom ≤ carriedOutAt < activeUntil}): toward the one it names if that one is among
 * them, otherwise toward all of them. It counts in the ISO week of {@code carriedOutAt} in the organisation's zone.
 * So an activity planned for a lead measure that was not yet, or no longer, active (replaced meanwhile) counts
 * toward what the team was measuring then; and a team with two lead measures on one activity type says which one an
 * activity is for, or it counts for both.
 * <p>
 * Plain Java: the lead measures' windows and the activities come in, nothing reads a clock or a database.
 */
public final class LeadMeasureCounting {

    private LeadMeasureCounting() {
    }

    /**
     * A lead measure as counting sees it: whose, of which activity type, and active when. {@code activeFrom} is the
     * activation's {@code activeFrom} ({@code null} while only proposed: never active); {@code activeUntil} is the
     * retirement's time ({@code null} while not retired).
     */
    public record LeadMeasure(UUID leadMeasureId, UUID teamId, String activityType, Instant activeFrom,
                              Instant activeUntil) {

        public LeadMeasure {
            Objects.requireNonNull(leadMeasureId, "leadMeasureId");
        }

        /** Whether it was active at {@code instant}: from its activation on, until its retirement. */
        public boolean activeAt(Instant instant) {
            return activeFrom != null && instant != null && !instant.isBefore(activeFrom)
                    && (activeUntil == null || instant.isBefore(activeUntil));
        }
    }

    /**
     * An activity as counting sees it; {@code leadMeasureId} is the lead measure it was planned for ({@code null}:
     * none), {@code carriedOutAt} {@code null} while it is not carried out (it then counts nowhere).
     */
    public record Activity(UUID activityId, UUID teamId, String activityType, UUID leadMeasureId,
                           Instant carriedOutAt) {
    }

    /** The lead measures {@code activity} counts toward, in the order given; none if it was not carried out. */
    public static List<UUID> countsToward(Activity activity, Collection<LeadMeasure> measures) {
        if (activity.carriedOutAt() == null) {
            return List.of();
        }
        List<UUID> active = new ArrayList<>();
        for (LeadMeasure measure : measures) {
            if (Objects.equals(measure.teamId(), activity.teamId())
                    && Objects.equals(measure.activityType(), activity.activityType())
                    && measure.activeAt(activity.carriedOutAt()) && !active.contains(measure.leadMeasureId())) {
                active.add(measure.leadMeasureId());
            }
        }
        if (activity.leadMeasureId() != null && active.contains(activity.leadMeasureId())) {
            return List.of(activity.leadMeasureId());
        }
        return List.copyOf(active);
    }

    /** The week an activity counts in: the ISO week of {@code carriedOutAt} in {@code zone}, such as 2026-W48. */
    public static String week(Instant carriedOutAt, ZoneId zone) {
        return Periods.week(carriedOutAt, zone);
    }

    /**
     * Each activity under every lead measure it counts toward, in the order given. {@code measures} must hold every
     * lead measure of the activities' teams and types (of every status), or an activity naming one left out would
     * count toward the others as if it named none.
     */
    public static <A> Map<UUID, List<A>> byLeadMeasure(Collection<A> activities, Function<A, Activity> counted,
                                                       Collection<LeadMeasure> measures) {
        Map<UUID, List<A>> byMeasure = new LinkedHashMap<>();
        for (A activity : activities) {
            for (UUID measure : countsToward(counted.apply(activity), measures)) {
                byMeasure.computeIfAbsent(measure, id -> new ArrayList<>()).add(activity);
            }
        }
        return byMeasure;
    }

    /**
     * Per lead measure, the number of activities counted per ISO week (weeks without any are absent), with the same
     * precondition on {@code measures} as {@link #byLeadMeasure}.
     */
    public static Map<UUID, SortedMap<String, Integer>> weekly(Collection<Activity> activities,
                                                             Collection<LeadMeasure> measures, ZoneId zone) {
        Map<UUID, SortedMap<String, Integer>> weekly = new LinkedHashMap<>();
        byLeadMeasure(activities, Function.identity(), measures).forEach((measure, counted) -> counted.forEach(
                activity -> weekly.computeIfAbsent(measure, id -> new TreeMap<>())
                        .merge(week(activity.carriedOutAt(), zone), 1, Integer::sum)));
        return weekly;
    }
}
