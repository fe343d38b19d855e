package org.learningloop.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.learningloop.testing.TopicReader;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What tests write to the broker as goal-service and activity-service would: real CloudEvents on their topics. */
public final class LoopFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoopFixtures() {
    }

    /** Writes {@code type} (e.g. {@code goal.team-created.v1}) with {@code payload} to {@code topic}, keyed by {@code key}. */
    public static void publish(String kafka, String topic, UUID key, String type, Map<String, ?> payload) {
        String source = type.startsWith("goal.") ? "/goal-service" : "/activity-service";
        try {
            TopicReader.write(kafka, topic, key.toString(), JSON.writeValueAsString(payload),
                    "ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_type", type,
                    "ce_source", source, "ce_subject", key.toString(), "ce_time", "2026-11-26T15:00:00Z");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void goal(String kafka, UUID key, String type, Map<String, ?> payload) {
        publish(kafka, "loop.goals", key, type, payload);
    }

    public static void activity(String kafka, UUID team, String type, Map<String, ?> payload) {
        publish(kafka, "loop.activities", team, type, payload);
    }

    public static void unitAndTeams(String kafka, UUID unit, UUID... teams) {
        goal(kafka, unit, "goal.unit-created.v1", Map.of("unitId", unit.toString(), "name", "Region office North",
                "managerId", UUID.randomUUID().toString()));
        for (UUID team : teams) {
            goal(kafka, team, "goal.team-created.v1", Map.of("teamId", team.toString(), "unitId", unit.toString(),
                    "name", "Team " + team.toString().substring(0, 4)));
        }
    }

    /** A monthly WIG from 10 to 30 over 2026. */
    public static void wig(String kafka, UUID team, UUID unit, UUID wig) {
        goal(kafka, team, "goal.wig-defined.v1", Map.of("wigId", wig.toString(), "teamId", team.toString(),
                "unitId", unit.toString(), "title", "Grow from 10 to 30 net new members a month",
                "lagMeasure", Map.of("metric", "net-new-members", "unit", "members/month", "from", 10, "to", 30,
                        "startDate", "2026-01-01", "deadline", "2026-12-31", "cadence", "month")));
    }

    public static void lagReading(String kafka, UUID team, UUID unit, UUID wig, String period, int value) {
        goal(kafka, team, "goal.lag-reading-recorded.v1", Map.of("wigId", wig.toString(), "teamId", team.toString(),
                "unitId", unit.toString(), "period", period, "value", value));
    }

    public static void lagCorrected(String kafka, UUID team, UUID unit, UUID wig, String period, int value, int previous) {
        goal(kafka, team, "goal.lag-reading-corrected.v1", Map.of("wigId", wig.toString(), "teamId", team.toString(),
                "unitId", unit.toString(), "period", period, "value", value, "previousValue", previous));
    }

    /** Proposes and activates a lead measure of {@code activityType} with {@code weeklyTarget}. */
    public static void activeLeadMeasure(String kafka, UUID team, UUID unit, UUID wig, UUID lead, int weeklyTarget) {
        Map<String, Object> met = Map.of("met", true, "justification", "Yes");
        goal(kafka, team, "goal.lead-measure-proposed.v1", Map.of("leadMeasureId", lead.toString(), "wigId", wig.toString(),
                "teamId", team.toString(), "unitId", unit.toString(), "name", "Workplace visits",
                "activityType", "workplace-visit", "weeklyTarget", weeklyTarget, "hypothesis", "Visits bring members",
                "checklist", Map.of("predictive", met, "influenceable", met, "measurable", met, "teamOwned", met,
                        "ongoing", met)));
        // in use since the start of 2026, so the fixtures' activities (September to November 2026) count toward it
        goal(kafka, team, "goal.lead-measure-activated.v2", Map.of("leadMeasureId", lead.toString(), "wigId", wig.toString(),
                "teamId", team.toString(), "unitId", unit.toString(), "activityType", "workplace-visit",
                "weeklyTarget", weeklyTarget, "activeFrom", "2026-01-01T00:00:00Z"));
    }

    public static void leadReading(String kafka, UUID team, UUID unit, UUID lead, String week, int count) {
        goal(kafka, team, "goal.lead-reading-recorded.v1", Map.of("leadMeasureId", lead.toString(), "teamId", team.toString(),
                "unitId", unit.toString(), "week", week, "count", count));
    }

    /** An activity carried out; {@code lead} and {@code design} may be null. */
    public static void carriedOut(String kafka, UUID team, UUID unit, UUID activity, UUID lead, UUID design, int version,
                                  String segment, String carriedOutAt, String intentionReached,
                                  Map<String, Integer> outcomes, List<Map<String, String>> adaptations) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("activityId", activity.toString());
        payload.put("teamId", team.toString());
        payload.put("unitId", unit.toString());
        payload.put("activityType", "workplace-visit");
        if (lead != null) {
            payload.put("leadMeasureId", lead.toString());
        }
        if (design != null) {
            payload.put("designId", design.toString());
            payload.put("designVersion", version);
            payload.put("segment", segment);
        }
        payload.put("carriedOutAt", carriedOutAt);
        payload.put("presence", 4);
        payload.put("focus", 4);
        payload.put("intentionReached", intentionReached);
        payload.put("adaptations", adaptations);
        payload.put("outcomes", outcomes);
        activity(kafka, team, "activity.carried-out.v1", payload);
    }

    public static void evaluated(String kafka, UUID team, UUID unit, UUID activity, UUID design, int version, String segment,
                                 List<Integer> quality, List<Map<String, String>> proposals) {
        activity(kafka, team, "activity.evaluated.v1", Map.of("activityId", activity.toString(), "teamId", team.toString(),
                "unitId", unit.toString(), "designId", design.toString(), "designVersion", version, "segment", segment,
                "filtering", Map.of("signal", List.of("wages"), "noise", List.of()),
                "quality", Map.of("intention", quality.get(0), "frames", quality.get(1), "content", quality.get(2),
                        "presence", quality.get(3), "focus", quality.get(4), "flexibility", quality.get(5)),
                "improvementProposals", proposals));
    }

    public static void feedback(String kafka, UUID team, UUID unit, UUID activity, UUID design, int version,
                                List<Map<String, String>> items) {
        activity(kafka, team, "activity.feedback-given.v1", Map.of("activityId", activity.toString(),
                "teamId", team.toString(), "unitId", unit.toString(), "designId", design.toString(),
                "designVersion", version, "fromMemberId", UUID.randomUUID().toString(),
                "toMemberId", UUID.randomUUID().toString(), "items", items));
    }
}
