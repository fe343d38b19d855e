package org.learningloop.contracts.activity;

import java.util.UUID;

/** The activity was cancelled before it was carried out. */
public record ActivityCancelled(UUID activityId, UUID teamId, UUID unitId, String reason) implements ActivityEvent {
}
