package org.learningloop.contracts.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An activity was carried out (the "during" of the loop). goal-service counts it towards the team's
 * active lead measures for its {@code activityType}, in the ISO week of {@code carriedOutAt} in the
 * organisation's time zone.
 *
 * @param outcomes non-negative counts such as {@code membersRecruited}; never names (GDPR art. 9)
 */
public record ActivityCarriedOut(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId,
                                 UUID designId, Integer designVersion, String segment, Instant carriedOutAt,
                                 Integer presence, Integer focus, IntentionReached intentionReached,
                                 List<Adaptation> adaptations, Map<String, Integer> outcomes) implements ActivityEvent {
}
