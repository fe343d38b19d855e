package org.learningloop.goal.wig;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.goal.wig.WigApi.DefineWigRequest;
import org.learningloop.goal.wig.WigApi.LagReadingRequest;
import org.learningloop.goal.wig.WigApi.WigView;
import org.learningloop.goal.wig.WigState.DefinedWig;
import org.learningloop.goal.wig.summary.WigSummaries;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.util.UUID;

/** WIGs and their lag readings. */
@Path("/wigs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "WIGs", description = "Wildly important goals, their hierarchy and lag measures")
@Authenticated
public class WigResource {

    private static final String IF_MATCH = "The ETag of the WIG as you last read it, e.g. \"3\"";

    private final WigService wigs;
    private final WigSummaries summaries;
    private final WigAccess access;

    public WigResource(WigService wigs, WigSummaries summaries, WigAccess access) {
        this.wigs = wigs;
        this.summaries = summaries;
        this.access = access;
    }

    @POST
    @Operation(summary = "Set a WIG", description = "With an Idempotency-Key, a retry with the same body returns the "
            + "same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Set; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> define(@Valid @NotNull DefineWigRequest request,
                                @Parameter(description = "Makes retries safe: same key and body, same answer")
                                @HeaderParam("Idempotency-Key") String idempotencyKey,
                                @Context UriInfo uri) {
        return access.change(request.teamId(), request.unitId())
                .chain(() -> wigs.define(request, idempotencyKey)).map(created -> Answers.created(uri, created, (state, version) -> WigView.of((DefinedWig) state, version)));
    }

    @GET
    @Path("/{wigId}")
    @Operation(summary = "A WIG with its lag readings and current value")
    @APIResponse(responseCode = "200", description = "The WIG; ETag is its version",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> get(@PathParam("wigId") UUID wigId) {
        return access.read(wigId).chain(() -> wigs.get(wigId)).map(WigResource::ok);
    }

    @POST
    @Path("/{wigId}/lag-readings")
    @Operation(summary = "Record the lag measure's value for a period",
            description = "A second reading for the same period corrects the first (both stay in the history).")
    @APIResponse(responseCode = "200", description = "Recorded; the WIG as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> recordReading(@PathParam("wigId") UUID wigId,
                                       @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
                                       @Valid @NotNull LagReadingRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(wigId).chain(() -> wigs.recordReading(wigId, expected, request)).map(WigResource::ok);
    }

    @POST
    @Path("/{wigId}/revise")
    @Operation(summary = "Revise the WIG's title, target or deadline", description = "The earlier values stay in the history.")
    @APIResponse(responseCode = "200", description = "Revised (or unchanged when nothing differs); the WIG as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> revise(@PathParam("wigId") UUID wigId, @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull WigApi.ReviseWigRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(wigId).chain(() -> wigs.revise(wigId, expected, request)).map(WigResource::ok);
    }

    @POST
    @Path("/{wigId}/achieve")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Mark the WIG as reached", description = "An achieved WIG takes no more readings or revisions.")
    @APIResponse(responseCode = "200", description = "Achieved", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> achieve(@PathParam("wigId") UUID wigId, @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch) {
        long expected = Versions.required(ifMatch);
        return access.change(wigId).chain(() -> wigs.achieve(wigId, expected)).map(WigResource::ok);
    }

    @POST
    @Path("/{wigId}/abandon")
    @Operation(summary = "Give the WIG up, with the reason")
    @APIResponse(responseCode = "200", description = "Abandoned", headers = @Header(name = "ETag"),
            content = @Content(schema = @Schema(implementation = WigView.class)))
    public Uni<Response> abandon(@PathParam("wigId") UUID wigId, @Parameter(description = IF_MATCH, required = true) @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull WigApi.AbandonWigRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(wigId).chain(() -> wigs.abandon(wigId, expected, request.reason())).map(WigResource::ok);
    }

    @GET
    @Path("/{wigId}/history")
    @Operation(summary = "Everything that happened to the WIG, oldest first", description = "Definition, readings and "
            + "corrections, revisions, and its end; each entry with its version, type, time and data.")
    @APIResponse(responseCode = "200", description = "The WIG's events")
    public Uni<java.util.List<WigApi.HistoryEntry>> history(@PathParam("wigId") UUID wigId) {
        return access.read(wigId).chain(() -> wigs.history(wigId)).map(events -> events.stream()
                .map(event -> new WigApi.HistoryEntry(event.streamVersion(), event.ceType(), event.occurredAt(),
                        readTree(event.payload())))
                .toList());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return org.learningloop.contracts.EventJson.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored event is not JSON", e);
        }
    }

    @GET
    @Operation(summary = "List WIGs", description = "Newest last; pass nextCursor back as cursor for the next page. "
            + "Served from a read model, so a WIG set a moment ago may take a moment to appear.")
    @APIResponse(responseCode = "200", description = "A page of WIG summaries")
    public Uni<Page<WigSummaries.WigSummaryView>> list(
            @Parameter(description = "Only this team's WIGs", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("teamId") String teamId,
            @Parameter(description = "Only this unit's WIGs", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("unitId") String unitId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return summaries.page(QueryParams.uuid("teamId", teamId), QueryParams.uuid("unitId", unitId), cursor,
                QueryParams.limit(limit, 50, 200));
    }

    private static Response ok(Decision<WigState> decision) {
        return Answers.ok(decision, (state, version) -> WigView.of((DefinedWig) state, version));
    }
}
