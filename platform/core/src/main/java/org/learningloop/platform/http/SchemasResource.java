package org.learningloop.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.decider.CommandRejected;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The analysts' contract over HTTP (issue 16): the published JSON Schema of every event type, at the address each
 * record's {@code ce_dataschema} names. Every service answers for every type (they share the contracts); anybody
 * signed in may read them (they hold no personal data).
 */
@Path("/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Event schemas", description = "The JSON Schema of every event type on the topics (each record's ce_dataschema)")
public class SchemasResource {

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);
    private static final Pattern TYPE = Pattern.compile("([a-z]+\\.[a-z][a-z-]*)\\.v([1-9][0-9]{0,2})");

    @Schema(description = "An event type and where its schema is")
    public record SchemaLink(@Schema(example = "goal.wig-defined.v1") String type,
                             @Schema(example = "/schemas/goal.wig-defined.v1") String schema) {
    }

    @Schema(description = "Every event type, every version still on the topics, in type order")
    public record SchemaList(List<SchemaLink> items) {
    }

    @GET
    @Operation(summary = "The event types and where their schemas are")
    public SchemaList list() {
        List<SchemaLink> links = new ArrayList<>();
        for (EventType<?> current : ALL.types()) {
            for (int version = 1; version <= current.version(); version++) {
                String type = current.name() + ".v" + version;
                links.add(new SchemaLink(type, "/schemas/" + type));
            }
        }
        links.sort(Comparator.comparing(SchemaLink::type));
        return new SchemaList(List.copyOf(links));
    }

    @GET
    @Path("/{type}")
    @Produces({"application/schema+json", MediaType.APPLICATION_JSON})
    @Operation(summary = "The JSON Schema of one event type",
            description = "type is a CloudEvents type such as goal.wig-defined.v1 (the record's ce_type). "
                    + "404 unknown-event-type.")
    @APIResponse(responseCode = "200", description = "The JSON Schema (draft 2020-12)",
            content = @Content(mediaType = "application/schema+json", schema = @Schema(type = SchemaType.OBJECT)))
    public JsonNode schema(@PathParam("type") String type) {
        Matcher matcher = TYPE.matcher(type == null ? "" : type);
        Optional<EventType<?>> known = matcher.matches()
                ? ALL.typeAt(matcher.group(1), Integer.parseInt(matcher.group(2))) : Optional.empty();
        // a name that is no event type's is not echoed (it may be anything, of any length)
        return known.map(EventSchemas::schemaNode).orElseThrow(() -> CommandRejected.notFound("unknown-event-type",
                matcher.matches() ? "There is no event type " + type : "Not an event type such as goal.wig-defined.v1"));
    }
}
