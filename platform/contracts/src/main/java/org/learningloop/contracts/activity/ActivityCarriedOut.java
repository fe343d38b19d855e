package org.learningloop.contracts.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An activity was carried out (the "during" of the loop). It counts toward the lead measures of its team and
 * {@code activityType} that were active at {@code carriedOutAt} (the one {@code leadMeasureId} names if that one is
 * among them), in the ISO week of {@code carriedOutAt} in the organisation's time zone: the one counting rule
 * (ADR 21) of the scoreboard, the WIG-meeting agenda, the APT digest and the evidence reports.
 *
 * @param outcomes non-negative counts such as {@code membersRecruited}; never names (GDPR art. 9)
 */
public record ActivityCarriedOut(UUID activityId, UUID teamId, UUID unitId, String activityType, UUID leadMeasureId,
                                 UUID designId, Integer designVersion, String segment, Instant carriedOutAt,
                                 Integer presence, Integer focus, IntentionReached intentionReached,
                                 List<Adaptation> adaptations, Map<String, Integer> outcomes) implements ActivityEvent {
}
