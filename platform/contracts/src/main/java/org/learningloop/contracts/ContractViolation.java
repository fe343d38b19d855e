package org.learningloop.contracts;

import java.util.List;

/**
 * An event its own published schema refuses. Raised before anything is stored: what cannot be read back by
 * every consumer is never appended (ADR 4).
 */
public final class ContractViolation extends IllegalArgumentException {

    private final String eventType;
    private final List<EventSchemas.Violation> violations;

    public ContractViolation(String eventType, List<EventSchemas.Violation> violations) {
        super("A " + eventType + " event would break its published schema: " + violations);
        this.eventType = eventType;
        this.violations = List.copyOf(violations);
    }

    /** The CloudEvents type of the refused event, e.g. {@code goal.wig-defined.v1}. */
    public String eventType() {
        return eventType;
    }

    public List<EventSchemas.Violation> violations() {
        return violations;
    }
}
