package org.learningloop.learning;

import org.learningloop.testing.TopicReader;

import java.util.UUID;

/** What tests write to the broker as activity-service would. */
public final class LearningFixtures {

    private LearningFixtures() {
    }

    /** Writes an {@code activity.evaluated.v1} with two improvement proposals (frames, then content) to {@code loop.activities}. */
    public static void evaluated(String kafka, UUID team, UUID unit, UUID activity, String eventId) {
        String payload = """
                {"activityId": "%s", "teamId": "%s", "unitId": "%s", "designId": "%s", "designVersion": 1,
                 "segment": "call-centre", "filtering": {"signal": ["wages"], "noise": []},
                 "quality": {"intention": 4, "frames": 2, "content": 4, "presence": 5, "focus": 4, "flexibility": 3},
                 "improvementProposals": [{"element": "frames", "proposal": "Book a quieter room"},
                                          {"element": "content", "proposal": "Shorter talking points"}]}
                """.formatted(activity, team, unit, UUID.randomUUID());
        TopicReader.write(kafka, "loop.activities", team.toString(), payload,
                "ce_specversion", "1.0", "ce_id", eventId, "ce_type", "activity.evaluated.v1",
                "ce_source", "/activity-service", "ce_subject", team.toString(), "ce_time", "2026-11-26T15:00:00Z");
    }
}
