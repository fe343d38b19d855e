package org.learningloop.contracts.learning;

import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventType;

import java.util.List;

/** The event types learning-service publishes on {@code loop.learning}. */
public final class LearningEvents {

    public static final String TOPIC = "loop.learning";

    public static final EventType<AgreementMade> AGREEMENT_MADE =
            new EventType<>("learning.agreement-made", 1, AgreementMade.class);

    public static final EventCatalog CATALOG = EventCatalog.of(List.of(AGREEMENT_MADE));

    private LearningEvents() {
    }
}
