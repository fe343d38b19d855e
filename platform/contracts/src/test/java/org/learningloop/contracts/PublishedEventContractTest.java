package org.learningloop.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.activity.ActivityEvent;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LeadMeasureEvent;
import org.learningloop.contracts.goal.StaffEvent;
import org.learningloop.contracts.goal.TeamEvent;
import org.learningloop.contracts.goal.UnitEvent;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningEvents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published form of every event is pinned: an approved JSON file per type, a JSON Schema that
 * accepts it and declares every field, and a catalog entry for every event of every sealed interface.
 * To approve a deliberate change, delete the approved file and run the test: it writes the new form
 * (and fails once, so nothing is approved unseen).
 */
class PublishedEventContractTest {

    /** Every sealed event interface whose events are published, with the catalog that must know them. */
    private static final List<Class<?>> SEALED_EVENT_INTERFACES = List.of(WigEvent.class, UnitEvent.class,
            TeamEvent.class, StaffEvent.class, LeadMeasureEvent.class, ActivityEvent.class, DesignEvent.class,
            LearningEvent.class);
    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);
    private static final Path APPROVED = Path.of("src/test/resources/approved");

    @Test
    void everyEventOfEverySealedInterfaceIsRegisteredAndHasASample() {
        List<Class<?>> events = SEALED_EVENT_INTERFACES.stream()
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses())).toList();
        assertThat(events).isNotEmpty();
        assertThat(events).allSatisfy(event -> assertThat(ALL.isRegistered(event)).as("%s registered", event).isTrue());
        assertThat(Samples.all()).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(events);
    }

    @TestFactory
    Stream<DynamicTest> serializedFormIsApprovedAndFitsItsSchema() {
        return Samples.all().stream().map(sample -> DynamicTest.dynamicTest(ALL.typeOf(sample).ceType(), () -> {
            EventType<LoopEvent> type = ALL.typeOf(sample);
            String json = EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n";
            Path approved = APPROVED.resolve(type.ceType() + ".json");
            if (!Files.exists(approved)) {
                Files.createDirectories(APPROVED);
                Files.writeString(approved, json);
                throw new AssertionError("No approved form of " + type.ceType() + " yet: wrote " + approved
                        + "; review it, commit it and run again");
            }
            assertThat(json).as("serialized %s; if the change is deliberate and additive, re-approve it", type.ceType())
                    .isEqualTo(Files.readString(approved));

            JsonNode node = EventJson.MAPPER.readTree(json);
            JsonNode schemaNode = schema(type);
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as("schema errors").isEmpty();
            assertThat(undeclared(node, schemaNode, schemaNode, "")).as("fields missing from the schema").isEmpty();
            assertThat(ALL.decode(type.name(), type.version(), json)).isEqualTo(sample);
        }));
    }

    /**
     * The analysts' contract is a valid document: it parses as YAML, every {@code $ref} inside it resolves, every
     * payload file it names exists, and it describes each event type once, under its channel's topic (issue 16).
     */
    @Test
    void theAsyncApiDocumentParses_andEveryReferenceResolves() throws IOException {
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Path.of("../../docs/asyncapi.yaml").toFile());
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        java.util.List<String> refs = new java.util.ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).as("$refs in docs/asyncapi.yaml").hasSizeGreaterThan(ALL.types().size() * 2);
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
            } else {
                assertThat(Path.of("../../docs").resolve(ref).normalize()).as("%s exists", ref).exists();
            }
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        doc.at("/components/messages").forEach(message -> names.add(message.path("name").asText()));
        assertThat(names).as("every event type, at its current version").containsAll(
                ALL.types().stream().map(EventType::ceType).toList());
        assertThat(names).as("older versions only of types that exist (read through upcasters)").allSatisfy(name -> {
            String type = name.substring(0, name.lastIndexOf(".v"));
            int version = Integer.parseInt(name.substring(name.lastIndexOf(".v") + 2));
            assertThat(ALL.types()).anySatisfy(known -> {
                assertThat(known.name()).isEqualTo(type);
                assertThat(known.version()).isGreaterThanOrEqualTo(version);
            });
        });
    }

    /**
     * An AsyncAPI parser (the AsyncAPI Initiative's Java model, jasyncapi) reads the document as an AsyncAPI 3.0.0
     * document, refusing any field the specification does not define; a document with one such field is refused, so
     * the check can fail (issue 16).
     */
    @Test
    void theAsyncApiDocument_isReadByAnAsyncApiParser_andAFieldTheSpecificationLacksIsRefused() throws IOException {
        String document = java.nio.file.Files.readString(Path.of("../../docs/asyncapi.yaml"));
        com.asyncapi.v3._0_0.model.AsyncAPI api = asyncApi(document);
        assertThat(api.getAsyncapi()).isEqualTo("3.0.0");
        assertThat(api.getChannels()).as("the three event topics and loop.keys").hasSize(4);
        assertThat(api.getComponents().getMessages().keySet()).hasSizeGreaterThanOrEqualTo(ALL.types().size());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> asyncApi(
                        document.replaceFirst("(?m)^asyncapi: 3\\.0\\.0$", "asyncapi: 3.0.0\nchanels: {}")))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class)
                .hasMessageContaining("chanels");
    }

    private static com.asyncapi.v3._0_0.model.AsyncAPI asyncApi(String yaml) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(yaml, com.asyncapi.v3._0_0.model.AsyncAPI.class);
    }

    private static void collectRefs(com.fasterxml.jackson.databind.JsonNode node, java.util.List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, refs));
        }
    }

    @Test
    void everyEventTypeIsInTheAnalystsCatalogueAndTheAsyncApiDocument() throws IOException {
        String catalogue = Files.readString(Path.of("../../docs/events.md"));
        String asyncApi = Files.readString(Path.of("../../docs/asyncapi.yaml"));
        for (EventType<?> type : ALL.types()) {
            assertThat(catalogue).as("docs/events.md").contains("`" + type.ceType() + "`");
            assertThat(asyncApi).as("docs/asyncapi.yaml").contains("name: " + type.ceType() + "\n");
            assertThat(asyncApi).contains("schemas/" + type.ceType() + ".schema.json");
        }
    }

    @Test
    void unknownTypesAndBrokenPayloadsAreUndecodable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ALL.decode("goal.nothing-like-it.v1", "{}"))
                .isInstanceOf(EventCatalog.UndecodableEvent.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ALL.decode("goal.wig-defined.v9", "{}"))
                .isInstanceOf(EventCatalog.UndecodableEvent.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ALL.decode("goal.wig-defined.v1", "[1, 2]"))
                .isInstanceOf(EventCatalog.UndecodableEvent.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ALL.decode("goal.wig-defined.v1", "{\"wigId\": \"nope\"}"))
                .isInstanceOf(EventCatalog.UndecodableEvent.class);
    }

    private static JsonNode schema(EventType<?> type) throws IOException {
        try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema %s", type.schemaResource()).isNotNull();
            return EventJson.MAPPER.readTree(in);
        }
    }

    /** Paths of fields in {@code node} that {@code schema} does not declare. */
    private static List<String> undeclared(JsonNode node, JsonNode schema, JsonNode root, String path) {
        if (schema.has("$ref")) {
            return undeclared(node, root.at(schema.get("$ref").asText().substring(1)), root, path);
        }
        List<String> missing = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (properties.has(name)) {
                    missing.addAll(undeclared(object.get(name), properties.get(name), root, path + "/" + name));
                } else if (additional.isObject()) {
                    missing.addAll(undeclared(object.get(name), additional, root, path + "/" + name));
                } else {
                    missing.add(path + "/" + name);
                }
            }
        } else if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                missing.addAll(undeclared(node.get(i), schema.get("items"), root, path + "/" + i));
            }
        }
        return missing;
    }
}
