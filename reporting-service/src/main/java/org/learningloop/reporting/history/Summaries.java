package org.learningloop.reporting.history;

import org.learningloop.contracts.LoopEvent;
import org.learningloop.contracts.activity.ActivityCancelled;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.contracts.activity.FeedbackGiven;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.LeadMeasureRetired;
import org.learningloop.contracts.goal.LeadReadingCorrected;
import org.learningloop.contracts.goal.LeadReadingRecorded;
import org.learningloop.contracts.goal.MemberJoined;
import org.learningloop.contracts.goal.MemberLeft;
import org.learningloop.contracts.goal.MemberRoleChanged;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.contracts.goal.UnitCreated;
import org.learningloop.contracts.goal.UnitManagerChanged;
import org.learningloop.contracts.goal.WigAbandoned;
import org.learningloop.contracts.goal.WigAchieved;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.CandidateDismissed;
import org.learningloop.contracts.learning.CandidateMerged;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingOpened;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one-line human summary of each event type in a team's history. Summaries name what the event
 * carries (titles, counts, types), never a person: staff appear in events by id only (GDPR).
 * A type without its own summary gets the generic {@link #fallback}.
 */
public final class Summaries {

    /** Each event type's own summary, by the event's record type; a type without one gets {@link #fallback}. */
    private static final Map<Class<?>, Function<LoopEvent, String>> SPECIFIC = specifics();

    private Summaries() {
    }

    public static String summarize(String ceType, LoopEvent event) {
        String summary;
        try {
            summary = specific(event);
        } catch (RuntimeException e) {
            summary = null; // a summary must never stop the projection
        }
        return summary != null ? summary : fallback(ceType);
    }

    /** "goal.wig-achieved.v1" → "Goal event: wig achieved". */
    public static String fallback(String ceType) {
        String name = ceType == null ? "unknown" : ceType.replaceFirst("\\.v\\d+$", "");
        int dot = name.indexOf('.');
        String area = dot < 0 ? "Loop" : capitalize(name.substring(0, dot));
        return area + " event: " + name.substring(dot + 1).replace('-', ' ');
    }

    /**
     * The summary of an event of a type that has one, {@code null} for another: one lookup by the event's record type.
     * A chain of instanceof tests, one per type, was a hot spot: during a rebuild the JIT compiled it with traps for
     * the types it had not seen yet, and once it stopped recompiling it, every such event left the compiled code
     * (181,280 deoptimisations in 25 seconds of team-history's rebuild).
     */
    static String specific(LoopEvent event) {
        Function<LoopEvent, String> summary = SPECIFIC.get(event.getClass());
        return summary == null ? null : summary.apply(event);
    }

    private static Map<Class<?>, Function<LoopEvent, String>> specifics() {
        Map<Class<?>, Function<LoopEvent, String>> map = new HashMap<>();
        // goal-service
        summary(map, UnitCreated.class, e -> "Unit '" + e.name() + "' created");
        summary(map, UnitManagerChanged.class, e -> "Unit manager changed");
        summary(map, TeamCreated.class, e -> "Team '" + e.name() + "' formed");
        summary(map, MemberJoined.class, e -> "Member joined the team as " + wire(e.role()));
        summary(map, MemberLeft.class, e -> "Member left the team");
        summary(map, MemberRoleChanged.class,
                e -> "Member's role changed from " + wire(e.previousRole()) + " to " + wire(e.role()));
        summary(map, WigDefined.class, e -> "WIG '" + e.title() + "' set" + lag(e.lagMeasure()));
        summary(map, WigRevised.class, e -> "WIG revised" + (e.title() != null ? " to '" + e.title() + "'" : "")
                + (e.to() != null ? ": to " + plain(e.to()) : "")
                + (e.deadline() != null ? " by " + e.deadline() : "") + because(e.reason()));
        summary(map, WigAchieved.class, e -> "WIG achieved");
        summary(map, WigAbandoned.class, e -> "WIG abandoned" + because(e.reason()));
        summary(map, LagReadingRecorded.class, e -> "Lag measure read for " + e.period() + ": " + plain(e.value()));
        summary(map, LagReadingCorrected.class, e -> "Lag reading for " + e.period() + " corrected from "
                + plain(e.previousValue()) + " to " + plain(e.value()));
        summary(map, LeadMeasureProposed.class,
                e -> "Lead measure '" + e.name() + "' proposed (" + e.weeklyTarget() + " a week)");
        summary(map, LeadMeasureActivated.class, e -> activated(e, null));
        summary(map, LeadMeasureRetired.class, e -> "Lead measure retired" + because(e.reason()));
        summary(map, LeadReadingRecorded.class, e -> "Lead measure read for " + e.week() + ": " + e.count());
        summary(map, LeadReadingCorrected.class, e -> "Lead reading for " + e.week() + " corrected from "
                + e.previousCount() + " to " + e.count());
        // activity-service
        summary(map, DesignCreated.class,
                e -> "Design '" + e.name() + "' created for " + e.activityType() + segments(e.segments()));
        summary(map, DesignRevised.class, e -> "Design revised to v" + e.version() + because(e.rationale()));
        summary(map, DesignForked.class,
                e -> "Design '" + e.name() + "' forked from v" + e.forkedFromVersion() + segments(e.segments()));
        summary(map, DesignRetired.class, e -> "Design retired" + because(e.reason()));
        summary(map, ActivityPlanned.class, e -> {
            String segment = e.workplace() != null ? e.workplace().segment() : null;
            return "Activity planned (" + join(e.activityType(), "design v" + e.designVersion(), segment) + ") for "
                    + e.scheduledAt();
        });
        summary(map, ActivityCarriedOut.class, e -> {
            StringBuilder s = new StringBuilder("Activity carried out (")
                    .append(join(e.activityType(), e.designVersion() != null ? "design v" + e.designVersion() : null,
                            e.segment()))
                    .append(")");
            List<String> parts = new ArrayList<>();
            if (e.intentionReached() != null) {
                parts.add("intention reached " + wire(e.intentionReached()));
            }
            parts.addAll(outcomes(e.outcomes()));
            if (e.adaptations() != null && !e.adaptations().isEmpty()) {
                parts.add(e.adaptations().size() + (e.adaptations().size() == 1 ? " adaptation" : " adaptations"));
            }
            return parts.isEmpty() ? s.toString() : s.append(": ").append(String.join(", ", parts)).toString();
        });
        summary(map, ActivityEvaluated.class, e -> {
            String quality = e.quality() == null ? "" : ": quality intention " + e.quality().intention() + ", frames "
                    + e.quality().frames() + ", content " + e.quality().content() + ", presence " + e.quality().presence()
                    + ", focus " + e.quality().focus() + ", flexibility " + e.quality().flexibility();
            int proposals = e.improvementProposals() == null ? 0 : e.improvementProposals().size();
            return "Activity evaluated" + quality + "; " + proposals
                    + (proposals == 1 ? " improvement proposal" : " improvement proposals");
        });
        summary(map, ActivityCancelled.class, e -> "Activity cancelled" + because(e.reason()));
        summary(map, FeedbackGiven.class, e -> {
            int items = e.items() == null ? 0 : e.items().size();
            return "Sorted feedback given: " + items + (items == 1 ? " item" : " items");
        });
        // learning-service
        summary(map, LearningRecorded.class, e -> "Learning recorded: " + e.insight());
        summary(map, CandidateMerged.class, e -> "Learning candidate merged into a learning");
        summary(map, CandidateDismissed.class, e -> "Learning candidate dismissed" + because(e.reason()));
        summary(map, WigMeetingOpened.class, e -> "WIG meeting for " + e.week() + " opened");
        summary(map, WigMeetingHeld.class, e -> {
            long kept = e.accountability() == null ? 0 : e.accountability().stream().filter(a -> a.kept()).count();
            int accounted = e.accountability() == null ? 0 : e.accountability().size();
            int commitments = e.commitments() == null ? 0 : e.commitments().size();
            int learnings = e.learningIds() == null ? 0 : e.learningIds().size();
            return "WIG meeting " + e.week() + " held: " + kept + " of " + accounted + " commitments kept, "
                    + commitments + " new, " + learnings + (learnings == 1 ? " learning" : " learnings") + " reported";
        });
        summary(map, AgreementMade.class, e -> "Agreement made at the workplace meeting " + e.month() + ": "
                + wire(e.kind()) + (e.segment() != null ? " for " + e.segment() : "") + because(e.rationale()));
        return Map.copyOf(map);
    }

    /** Registers {@code type}'s summary (event types are records, so a type is matched exactly). */
    private static <E extends LoopEvent> void summary(Map<Class<?>, Function<LoopEvent, String>> map, Class<E> type,
                                                      Function<E, String> summary) {
        if (map.putIfAbsent(type, event -> summary.apply(type.cast(event))) != null) {
            throw new IllegalStateException("Two summaries for " + type.getSimpleName());
        }
    }

    /** The event types with a summary of their own. */
    static Set<Class<?>> summarised() {
        return SPECIFIC.keySet();
    }

    /**
     * "Lead measure 'Workplace visits' activated (5 a week)" when the name (of its proposal, earlier in
     * the team's partition) is known, else "Lead measure activated (workplace-visit, 5 a week)".
     */
    public static String activated(LeadMeasureActivated e, String name) {
        String replacing = e.replacesLeadMeasureId() != null ? ", replacing an earlier one" : "";
        if (name != null && !name.isBlank()) {
            return "Lead measure '" + name + "' activated (" + e.weeklyTarget() + " a week)" + replacing;
        }
        return "Lead measure activated (" + e.activityType() + ", " + e.weeklyTarget() + " a week)" + replacing;
    }

    private static String lag(LagMeasure lag) {
        if (lag == null) {
            return "";
        }
        return ": from " + plain(lag.from()) + " to " + plain(lag.to()) + (lag.unit() != null ? " " + lag.unit() : "")
                + (lag.deadline() != null ? " by " + lag.deadline() : "");
    }

    private static List<String> outcomes(Map<String, Integer> outcomes) {
        if (outcomes == null) {
            return List.of();
        }
        return outcomes.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(o -> o.getValue() + " " + words(o.getKey())).toList();
    }

    /** "membersRecruited" → "members recruited". */
    static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase();
    }

    private static String segments(List<String> segments) {
        return segments == null || segments.isEmpty() ? "" : " (" + String.join(", ", segments) + ")";
    }

    private static String because(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }

    private static String join(String... parts) {
        return java.util.Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(", "));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }

    private static String wire(Enum<?> value) {
        return value == null ? "?" : value.name().toLowerCase().replace('_', '-');
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
