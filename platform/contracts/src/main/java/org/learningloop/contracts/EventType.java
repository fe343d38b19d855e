package org.learningloop.contracts;

import java.util.Objects;

/**
 * The published identity of one event type: a stable name and a version, written as literals and
 * never derived from class names, so a rename in code never changes the contract.
 *
 * @param name    e.g. {@code goal.wig-defined}
 * @param version starts at 1; a change that would break consumers gets a new version
 * @param javaType the record that carries the current version's payload
 */
public record EventType<E extends LoopEvent>(String name, int version, Class<E> javaType) {

    public EventType {
        Objects.requireNonNull(name);
        Objects.requireNonNull(javaType);
        if (!name.matches("[a-z]+(\\.[a-z]+(-[a-z]+)*)+")) {
            throw new IllegalArgumentException("Event type names are dotted kebab-case: " + name);
        }
        if (version < 1) {
            throw new IllegalArgumentException("Event versions start at 1: " + name);
        }
    }

    /** The CloudEvents {@code type}: name and version, e.g. {@code goal.wig-defined.v1}. */
    public String ceType() {
        return name + ".v" + version;
    }

    /** Where its JSON Schema lives on the classpath. */
    public String schemaResource() {
        return "schemas/" + ceType() + ".schema.json";
    }
}
