package org.learningloop.contracts.activity;

import java.util.UUID;

/** The design was retired: no new activities may use it. Its versions stay readable. */
public record DesignRetired(UUID designId, UUID unitId, UUID teamId, String reason, UUID agreementId)
        implements DesignEvent {
}
