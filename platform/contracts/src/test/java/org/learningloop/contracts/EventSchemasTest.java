package org.learningloop.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.learning.LearningEvents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published schemas are the gate every event passes before it is stored: each field is bounded (what a
 * consumer could not read back is refused there), and the gate refuses what the fuzzing found stored.
 */
class EventSchemasTest {

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);

    @TestFactory
    Stream<DynamicTest> everyFieldOfEverySchemaIsBounded() {
        return ALL.types().stream().map(type -> DynamicTest.dynamicTest(type.ceType(), () -> {
            JsonNode schema = EventSchemas.schemaNode(type);
            List<String> unbounded = new ArrayList<>();
            unbounded(schema, schema, "", unbounded);
            assertThat(unbounded).as("fields of %s without bounds", type.ceType()).isEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyPatternIsOneOfTheBoundsTheApiValidatesWith() {
        List<String> known = List.of(Bounds.WEEK, Bounds.MONTH, Bounds.PERIOD, Bounds.DATE, Bounds.DATE_TIME, Bounds.KEY,
                Bounds.OUTCOME, Bounds.TEXT, Bounds.FINGERPRINT, Bounds.SEALED, Bounds.SEALED_START);
        return ALL.types().stream().map(type -> DynamicTest.dynamicTest(type.ceType(), () -> {
            List<String> patterns = new ArrayList<>();
            EventSchemas.schemaNode(type).findParents("pattern").forEach(parent -> {
                if (parent.get("pattern").isTextual()) {
                    patterns.add(parent.get("pattern").asText());
                }
            });
            assertThat(patterns).as("patterns of %s", type.ceType()).allSatisfy(pattern -> assertThat(known).contains(pattern));
            assertThat(EventSchemas.schemaNode(type).findValues("maxLength")).as("key lengths")
                    .allSatisfy(length -> assertThat(length.asInt()).isPositive());
        }));
    }

    @Test
    void theSamplesPassTheGate() {
        assertThat(Samples.all()).allSatisfy(sample -> assertThat(ALL.encodeChecked(sample)).isEqualTo(ALL.encode(sample)));
    }

    @Test
    void aDeadlineBeyondTheContractsWindowIsRefused_namingTheField() {
        WigDefined sample = sample(WigDefined.class);
        WigDefined farOff = new WigDefined(sample.wigId(), sample.teamId(), sample.unitId(), sample.parentWigId(),
                sample.title(), new org.learningloop.contracts.goal.LagMeasure(sample.lagMeasure().metric(),
                sample.lagMeasure().unit(), sample.lagMeasure().from(), sample.lagMeasure().to(),
                sample.lagMeasure().startDate(), LocalDate.MAX, sample.lagMeasure().cadence()));

        assertThatThrownBy(() -> ALL.encodeChecked(farOff)).isInstanceOfSatisfying(ContractViolation.class, refused -> {
            assertThat(refused.eventType()).isEqualTo("goal.wig-defined.v1");
            assertThat(refused.violations()).extracting(EventSchemas.Violation::field).containsOnly("/lagMeasure/deadline");
        });
    }

    @Test
    void aLagValueWithMoreThanFourDecimals_orBeyondATrillion_isRefused() {
        LagReadingRecorded sample = sample(LagReadingRecorded.class);
        for (String value : List.of("1e-1001", "0.00001", "1000000000000.0001", "-1e13", "1e20000")) {
            LagReadingRecorded reading = new LagReadingRecorded(sample.wigId(), sample.teamId(), sample.unitId(),
                    sample.period(), new BigDecimal(value));
            assertThatThrownBy(() -> ALL.encodeChecked(reading)).as(value).isInstanceOfSatisfying(ContractViolation.class,
                    refused -> assertThat(refused.violations()).extracting(EventSchemas.Violation::field).containsOnly("/value"));
        }
        for (String value : List.of("0.0001", "-999999999999.9999", "1000000000000", "-1000000000000", "12.5")) {
            LagReadingRecorded reading = new LagReadingRecorded(sample.wigId(), sample.teamId(), sample.unitId(),
                    sample.period(), new BigDecimal(value));
            assertThat(ALL.encodeChecked(reading)).as(value).contains("\"value\"");
        }
    }

    @Test
    void aWeekOrMonthOutsideTheWindowIsRefused() {
        LagReadingRecorded sample = sample(LagReadingRecorded.class);
        for (String period : List.of("1999-12", "2101-01", "2026-13", "2026-W54", "2026-W00", "+2026-11")) {
            LagReadingRecorded reading = new LagReadingRecorded(sample.wigId(), sample.teamId(), sample.unitId(),
                    period, sample.value());
            assertThatThrownBy(() -> ALL.encodeChecked(reading)).as(period).isInstanceOf(ContractViolation.class);
        }
    }

    @Test
    void aScheduleBeforeTheYear2000_aNullParticipantAndAControlCharacterAreRefused() {
        ActivityPlanned sample = sample(ActivityPlanned.class);
        List<java.util.UUID> withNull = new ArrayList<>(sample.participants());
        withNull.add(null);
        ActivityPlanned bad = new ActivityPlanned(sample.activityId(), sample.teamId(), sample.unitId(),
                sample.activityType(), sample.leadMeasureId(), sample.designId(), sample.designVersion(),
                Instant.parse("-4714-01-01T00:00:00Z"), sample.workplace(), withNull, "ready\u0000", sample.hypothesis());

        assertThatThrownBy(() -> ALL.encodeChecked(bad)).isInstanceOfSatisfying(ContractViolation.class, refused ->
                assertThat(refused.violations()).extracting(EventSchemas.Violation::field)
                        .contains("/scheduledAt", "/participants/" + sample.participants().size(), "/preparation"));
    }

    @Test
    void overLongTextIsRefused_withoutEchoingItWhole() {
        ActivityPlanned sample = sample(ActivityPlanned.class);
        String huge = "x".repeat(100_000);
        ActivityPlanned bad = new ActivityPlanned(sample.activityId(), sample.teamId(), sample.unitId(),
                sample.activityType(), sample.leadMeasureId(), sample.designId(), sample.designVersion(),
                sample.scheduledAt(), sample.workplace(), sample.participants(), huge, sample.hypothesis());

        assertThatThrownBy(() -> ALL.encodeChecked(bad)).isInstanceOfSatisfying(ContractViolation.class, refused -> {
            assertThat(refused.violations()).extracting(EventSchemas.Violation::field).containsOnly("/preparation");
            assertThat(refused.violations()).allSatisfy(violation -> assertThat(violation.message()).hasSizeLessThan(400));
        });
    }

    private static <E> E sample(Class<E> type) {
        return Samples.all().stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    /** Paths of values in {@code schema} that admit unbounded input. */
    private static void unbounded(JsonNode schema, JsonNode root, String path, List<String> found) {
        if (schema.has("$ref")) {
            unbounded(root.at(schema.get("$ref").asText().substring(1)), root, path, found);
            return;
        }
        if (schema.has("enum") || schema.has("const")) {
            return;
        }
        if (schema.has("anyOf")) {
            // a sealable text (ADR 18): the plain text and its sealed form, each bounded
            for (JsonNode branch : schema.get("anyOf")) {
                unbounded(branch, root, path, found);
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "string" -> {
                String format = schema.path("format").asText("");
                boolean bounded = format.equals("uuid")
                        || (schema.has("pattern") && (schema.has("maxLength") || schema.path("pattern").asText().endsWith("$")
                        || format.equals("date-time")));
                if (!bounded) {
                    found.add(path + " (string without maxLength and pattern)");
                }
                if (!format.isEmpty() && !format.equals("uuid") && !schema.path("pattern").asText().startsWith("^(20")) {
                    found.add(path + " (" + format + " outside the window 2000–2100)");
                }
            }
            case "boolean" -> {
            }
            case "integer" -> {
                if (!schema.has("minimum") || !schema.has("maximum")) {
                    found.add(path + " (integer without minimum and maximum)");
                }
            }
            case "number" -> {
                if (!schema.has("minimum") || !schema.has("maximum") || !schema.has("multipleOf")) {
                    found.add(path + " (number without range and scale)");
                }
            }
            case "array" -> {
                if (!schema.has("maxItems") || !schema.has("items")) {
                    found.add(path + " (array without maxItems and items)");
                } else {
                    unbounded(schema.get("items"), root, path + "/*", found);
                }
            }
            case "object" -> {
                for (Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    unbounded(field.getValue(), root, path + "/" + field.getKey(), found);
                }
                JsonNode additional = schema.path("additionalProperties");
                if (additional.isObject()) {
                    if (!schema.has("maxProperties") || !schema.has("propertyNames")) {
                        found.add(path + " (map without maxProperties and propertyNames)");
                    }
                    unbounded(additional, root, path + "/*", found);
                }
            }
            default -> found.add(path + " (no type)");
        }
    }
}
