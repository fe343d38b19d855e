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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one-line human summary of each event type in a team's history. Summaries name what the event
 * carries (titles, counts, types), never a person: staff appear in events by id only (GDPR).
 * A type without its own summary gets the generic {@link #fallback}.
 */
public final class Summaries {

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

    static String specific(LoopEvent event) {
        // goal-service
        if (event instanceof UnitCreated e) {
            return "Unit '" + e.name() + "' created";
        }
        if (event instanceof UnitManagerChanged) {
            return "Unit manager changed";
        }
        if (event instanceof TeamCreated e) {
            return "Team '" + e.name() + "' formed";
        }
        if (event instanceof MemberJoined e) {
            return "Member joined the team as " + wire(e.role());
        }
        if (event instanceof MemberLeft) {
            return "Member left the team";
        }
        if (event instanceof MemberRoleChanged e) {
            return "Member's role changed from " + wire(e.previousRole()) + " to " + wire(e.role());
        }
        if (event instanceof WigDefined e) {
            return "WIG '" + e.title() + "' set" + lag(e.lagMeasure());
        }
        if (event instanceof WigRevised e) {
            return "WIG revised" + (e.title() != null ? " to '" + e.title() + "'" : "")
                    + (e.to() != null ? ": to " + plain(e.to()) : "")
                    + (e.deadline() != null ? " by " + e.deadline() : "") + because(e.reason());
        }
        if (event instanceof WigAchieved) {
            return "WIG achieved";
        }
        if (event instanceof WigAbandoned e) {
            return "WIG abandoned" + because(e.reason());
        }
        if (event instanceof LagReadingRecorded e) {
            return "Lag measure read for " + e.period() + ": " + plain(e.value());
        }
        if (event instanceof LagReadingCorrected e) {
            return "Lag reading for " + e.period() + " corrected from " + plain(e.previousValue()) + " to " + plain(e.value());
        }
        if (event instanceof LeadMeasureProposed e) {
            return "Lead measure '" + e.name() + "' proposed (" + e.weeklyTarget() + " a week)";
        }
        if (event instanceof LeadMeasureActivated e) {
            return activated(e, null);
        }
        if (event instanceof LeadMeasureRetired e) {
            return "Lead measure retired" + because(e.reason());
        }
        if (event instanceof LeadReadingRecorded e) {
            return "Lead measure read for " + e.week() + ": " + e.count();
        }
        if (event instanceof LeadReadingCorrected e) {
            return "Lead reading for " + e.week() + " corrected from " + e.previousCount() + " to " + e.count();
        }
        // activity-service
        if (event instanceof DesignCreated e) {
            return "Design '" + e.name() + "' created for " + e.activityType() + segments(e.segments());
        }
        if (event instanceof DesignRevised e) {
            return "Design revised to v" + e.version() + because(e.rationale());
        }
        if (event instanceof DesignForked e) {
            return "Design '" + e.name() + "' forked from v" + e.forkedFromVersion() + segments(e.segments());
        }
        if (event instanceof DesignRetired e) {
            return "Design retired" + because(e.reason());
        }
        if (event instanceof ActivityPlanned e) {
            String segment = e.workplace() != null ? e.workplace().segment() : null;
            return "Activity planned (" + join(e.activityType(), "design v" + e.designVersion(), segment) + ") for "
                    + e.scheduledAt();
        }
        if (event instanceof ActivityCarriedOut e) {
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
        }
        if (event instanceof ActivityEvaluated e) {
            String quality = e.quality() == null ? "" : ": quality intention " + e.quality().intention() + ", frames "
                    + e.quality().frames() + ", content " + e.quality().content() + ", presence " + e.quality().presence()
                    + ", focus " + e.quality().focus() + ", flexibility " + e.quality().flexibility();
            int proposals = e.improvementProposals() == null ? 0 : e.improvementProposals().size();
            return "Activity evaluated" + quality + "; " + proposals
                    + (proposals == 1 ? " improvement proposal" : " improvement proposals");
        }
        if (event instanceof ActivityCancelled e) {
            return "Activity cancelled" + because(e.reason());
        }
        if (event instanceof FeedbackGiven e) {
            int items = e.items() == null ? 0 : e.items().size();
            return "Sorted feedback given: " + items + (items == 1 ? " item" : " items");
        }
        // learning-service
        if (event instanceof LearningRecorded e) {
            return "Learning recorded: " + e.insight();
        }
        if (event instanceof CandidateMerged) {
            return "Learning candidate merged into a learning";
        }
        if (event instanceof CandidateDismissed e) {
            return "Learning candidate dismissed" + because(e.reason());
        }
        if (event instanceof WigMeetingOpened e) {
            return "WIG meeting for " + e.week() + " opened";
        }
        if (event instanceof WigMeetingHeld e) {
            long kept = e.accountability() == null ? 0 : e.accountability().stream().filter(a -> a.kept()).count();
            int accounted = e.accountability() == null ? 0 : e.accountability().size();
            int commitments = e.commitments() == null ? 0 : e.commitments().size();
            int learnings = e.learningIds() == null ? 0 : e.learningIds().size();
            return "WIG meeting " + e.week() + " held: " + kept + " of " + accounted + " commitments kept, "
                    + commitments + " new, " + learnings + (learnings == 1 ? " learning" : " learnings") + " reported";
        }
        if (event instanceof AgreementMade e) {
            return "Agreement made at the workplace meeting " + e.month() + ": " + wire(e.kind())
                    + (e.segment() != null ? " for " + e.segment() : "") + because(e.rationale());
        }
        return null;
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
