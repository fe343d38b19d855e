package org.learningloop.contracts.activity;

import java.util.UUID;

/**
 * A new version of the design: the elements given here replace the previous version's (absent ones stay),
 * with the rationale and, when a workplace meeting decided it, the agreement.
 */
public record DesignRevised(UUID designId, UUID unitId, UUID teamId, int version, String intention, Frames frames,
                            Content content, String hypothesis, String rationale, UUID agreementId) implements DesignEvent {
}
