package org.learningloop.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every published event type, by name and by Java type, with the upcasters that lift an older
 * stored or published version to the current one. Decoding is by name and version, never by
 * class name.
 */
public final class EventCatalog {

    /** Reads a payload as a tree for upcasting, its numbers exact ({@code BigDecimal}, not {@code double}). */
    private static final ObjectReader EXACT_TREE = EventJson.MAPPER.reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Map<String, EventType<?>> byName = new LinkedHashMap<>();
    private final Map<Class<?>, EventType<?>> byJavaType = new HashMap<>();
    private final Map<String, Upcaster> upcasters = new HashMap<>();

    /**
     * Lifts the raw JSON of one version of an event type to the next. It may use the time the event happened
     * (stored {@code occurred_at}, published {@code ce_time}), e.g. to fill a field that an older version left to
     * that time; that time is {@code null} where the caller does not know it.
     */
    @FunctionalInterface
    public interface Upcaster {
        ObjectNode upcast(ObjectNode payload, Instant occurredAt);
    }

    private EventCatalog() {
    }

    /** A catalog of these types; their names must be distinct. */
    public static EventCatalog of(Collection<? extends EventType<?>> types) {
        EventCatalog catalog = new EventCatalog();
        for (EventType<?> type : types) {
            if (catalog.byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("Event type registered twice: " + type.name());
            }
            if (catalog.byJavaType.putIfAbsent(type.javaType(), type) != null) {
                throw new IllegalArgumentException("Java type registered twice: " + type.javaType());
            }
        }
        return catalog;
    }

    /** The same catalog plus an upcaster that turns version {@code fromVersion} of {@code name} into the next. */
    public EventCatalog withUpcaster(String name, int fromVersion, Upcaster upcaster) {
        EventType<?> type = byName.get(name);
        if (type == null || fromVersion >= type.version()) {
            throw new IllegalArgumentException("No newer version of " + name + " to upcast v" + fromVersion + " to");
        }
        upcasters.put(name + ".v" + fromVersion, upcaster);
        return this;
    }

    /** Combines catalogs, e.g. to consume the events of several services. */
    public static EventCatalog union(EventCatalog... catalogs) {
        EventCatalog union = of(java.util.Arrays.stream(catalogs).flatMap(c -> c.types().stream()).toList());
        for (EventCatalog catalog : catalogs) {
            union.upcasters.putAll(catalog.upcasters);
        }
        return union;
    }

    public List<EventType<?>> types() {
        return List.copyOf(byName.values());
    }

    @SuppressWarnings("unchecked")
    public <E extends LoopEvent> EventType<E> typeOf(E event) {
        EventType<?> type = byJavaType.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not a registered event: " + event.getClass().getName());
        }
        return (EventType<E>) type;
    }

    public Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The type {@code name} at {@code version}, current or older (e.g. to check a stored or published event against
     * the schema of its own version); empty for an unknown name or version.
     */
    public Optional<EventType<?>> typeAt(String name, int version) {
        EventType<?> current = byName.get(name);
        if (current == null || version < 1 || version > current.version()) {
            return Optional.empty();
        }
        return Optional.of(version == current.version() ? current
                : new EventType<>(current.name(), version, current.javaType()));
    }

    public boolean isRegistered(Class<?> javaType) {
        return byJavaType.containsKey(javaType);
    }

    /** Serialises an event's payload in its published form. */
    public String encode(LoopEvent event) {
        typeOf(event);
        try {
            return EventJson.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Serialises an event for storing and publishing, through the gate: its payload must fit the event type's
     * published JSON Schema, the contract every consumer reads by.
     *
     * @throws ContractViolation naming each field the schema refuses; nothing may be stored then
     */
    public String encodeChecked(LoopEvent event) {
        EventType<LoopEvent> type = typeOf(event);
        String json = encode(event);
        List<EventSchemas.Violation> violations = EventSchemas.check(type, json);
        if (!violations.isEmpty()) {
            throw new ContractViolation(type.ceType(), violations);
        }
        return json;
    }

    /** As {@link #decode(String, int, String, Instant)} without the event's time (an upcaster that needs it refuses). */
    public LoopEvent decode(String name, int version, String json) {
        return decode(name, version, json, null);
    }

    /**
     * Reads a payload of type {@code name} at {@code version}, upcasting it to the current version.
     *
     * @param occurredAt when the event happened (for upcasters that need it), or {@code null}
     * @throws UndecodableEvent for an unknown type or version, or a payload that does not fit
     */
    public LoopEvent decode(String name, int version, String json, Instant occurredAt) {
        EventType<?> type = byName.get(name);
        if (type == null) {
            throw new UndecodableEvent("Unknown event type " + name);
        }
        if (version < 1 || version > type.version()) {
            throw new UndecodableEvent("Unknown version " + version + " of " + name);
        }
        try {
            if (version == type.version()) {
                // the current version, read straight into its record: no tree to build and walk again
                LoopEvent event = EventJson.MAPPER.readValue(json, type.javaType());
                if (event == null) {
                    throw new UndecodableEvent("Payload of " + name + " is not a JSON object");
                }
                return event;
            }
            // an older version, upcast as a tree whose numbers keep every digit (a double would round them)
            JsonNode node = EXACT_TREE.readTree(json);
            if (!(node instanceof ObjectNode payload)) {
                throw new UndecodableEvent("Payload of " + name + " is not a JSON object");
            }
            ObjectNode current = payload;
            for (int v = version; v < type.version(); v++) {
                Upcaster upcaster = upcasters.get(name + ".v" + v);
                if (upcaster == null) {
                    throw new UndecodableEvent("No upcaster from " + name + ".v" + v);
                }
                current = upcaster.upcast(current, occurredAt);
            }
            return EventJson.MAPPER.treeToValue(current, type.javaType());
        } catch (JsonProcessingException e) {
            throw new UndecodableEvent("Payload of " + name + ".v" + version + " does not fit its contract: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UndecodableEvent("Payload of " + name + ".v" + version + " does not fit its contract: "
                    + e.getMessage(), e);
        }
    }

    /** Reads a payload named by its CloudEvents type, e.g. {@code goal.wig-defined.v1}. */
    public LoopEvent decode(String ceType, String json) {
        return decode(ceType, json, null);
    }

    /** Reads a payload named by its CloudEvents type, with the time the event happened (see {@link Upcaster}). */
    public LoopEvent decode(String ceType, String json, Instant occurredAt) {
        CeType parsed = CeType.parse(ceType);
        if (parsed == null) {
            throw new UndecodableEvent("Not a versioned event type: " + ceType);
        }
        return decode(parsed.name(), parsed.version(), json, occurredAt);
    }

    /**
     * Whether this catalog reads payloads of the CloudEvents type {@code ceType} (e.g. {@code goal.wig-defined.v1}):
     * a registered type at its current version or an older one. Says nothing about whether a payload fits.
     */
    public boolean covers(String ceType) {
        CeType parsed = CeType.parse(ceType);
        return parsed != null && typeAt(parsed.name(), parsed.version()).isPresent();
    }

    /** A CloudEvents type split into name and version; {@code null} when it is not {@code <name>.v<version>}. */
    private record CeType(String name, int version) {
        static CeType parse(String ceType) {
            int dot = ceType == null ? -1 : ceType.lastIndexOf(".v");
            if (dot < 0) {
                return null;
            }
            try {
                return new CeType(ceType.substring(0, dot), Integer.parseInt(ceType.substring(dot + 2)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** A payload that cannot be read as any registered event: poison for a consumer. */
    public static final class UndecodableEvent extends RuntimeException {
        public UndecodableEvent(String message) {
            super(message);
        }

        public UndecodableEvent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
