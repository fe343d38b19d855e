package org.learningloop.goal.leadmeasure;

import io.quarkus.security.Authenticated;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ActivateLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.LeadMeasureView;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.LeadReadingRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ProposeLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ReplaceLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ReplacementView;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.RetireLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;
import org.learningloop.goal.leadmeasure.listing.LeadMeasureListing;
import org.learningloop.goal.leadmeasure.listing.LeadMeasureListing.LeadMeasureSummary;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.http.Answers;
import org.learningloop.platform.http.Versions;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;

/** Lead measures: hypotheses of which activity moves a team's WIG, checked with the lead-measure tool. */
@Path("/lead-measures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Lead measures", description = "Propose, activate, count, retire and replace a team's lead measures")
@Authenticated
public class LeadMeasureResource {

    private static final Set<String> STATUSES = Set.of("proposed", "active", "retired");

    private final LeadMeasureService leadMeasures;
    private final LeadMeasureListing listing;
    private final ObjectMapper json;
    private final LeadMeasureAccess access;

    public LeadMeasureResource(LeadMeasureService leadMeasures, LeadMeasureListing listing, ObjectMapper json,
                               LeadMeasureAccess access) {
        this.leadMeasures = leadMeasures;
        this.access = access;
        this.listing = listing;
        this.json = json;
    }

    @POST
    @Operation(summary = "Propose a lead measure for a team WIG",
            description = "The WIG must be an active team WIG. The checklist holds the lead-measure tool's five answers. "
                    + "With an Idempotency-Key, a retry with the same body returns the same answer and stores nothing new.")
    @APIResponse(responseCode = "201", description = "Proposed; Location and ETag name it",
            headers = {@Header(name = "Location"), @Header(name = "ETag")},
            content = @Content(schema = @Schema(implementation = LeadMeasureView.class)))
    public Uni<Response> propose(@Valid @NotNull ProposeLeadMeasureRequest request,
                                 @Parameter(description = "Makes retries safe: same key and body, same answer")
                                 @HeaderParam("Idempotency-Key") String idempotencyKey,
                                 @Context UriInfo uri) {
        return access.propose(request.wigId()).chain(() -> leadMeasures.propose(request, idempotencyKey)).map(created -> Answers.created(uri, created, (state, version) -> LeadMeasureView.of((DefinedLeadMeasure) state, version)));
    }

    @GET
    @Path("/{leadMeasureId}")
    @Operation(summary = "A lead measure with its status, checklist, replacement links and manual weekly counts")
    @APIResponse(responseCode = "200", description = "The lead measure; ETag is its version",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = LeadMeasureView.class)))
    public Uni<Response> get(@PathParam("leadMeasureId") UUID leadMeasureId) {
        return access.read(leadMeasureId).chain(() -> leadMeasures.get(leadMeasureId)).map(LeadMeasureResource::ok);
    }

    @GET
    @Operation(summary = "List lead measures", description = "In the order they were proposed; pass nextCursor back as "
            + "cursor for the next page. The list is written with each change, so it is always current.")
    @APIResponse(responseCode = "200", description = "A page of lead measures")
    public Uni<Page<LeadMeasureSummary>> list(
            @Parameter(description = "Only this team's lead measures", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("teamId") String teamId,
            @Parameter(description = "Only this WIG's lead measures", schema = @Schema(type = SchemaType.STRING, format = "uuid"))
            @QueryParam("wigId") String wigId,
            @Parameter(description = "Only lead measures in this status",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"proposed", "active", "retired"}))
            @QueryParam("status") String status,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Page size, 1 to 200 (default 50)", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        return listing.page(QueryParams.uuid("teamId", teamId), QueryParams.uuid("wigId", wigId), status(status), cursor,
                QueryParams.limit(limit, 50, 200));
    }

    @POST
    @Path("/{leadMeasureId}/activate")
    @Consumes(MediaType.WILDCARD) // the body is optional: a bare POST carries no Content-Type
    @Operation(summary = "Activate a proposed lead measure",
            description = "Only a lead measure of a WIG that is still active (409 wig-closed once it is achieved or "
                    + "abandoned) and that the lead-measure tool finds both predictive and influenceable can be "
                    + "activated (409 lead-measure-not-predictive-and-influenceable names the criterion that fails). "
                    + "Its activities count from now, or from the optional body's activeFrom: since when the team has "
                    + "been acting on it (not after now: 422 active-from-in-future; at most two years back: 422 "
                    + "active-from-too-early).")
    @APIResponse(responseCode = "200", description = "Active; the lead measure as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = LeadMeasureView.class)))
    @APIResponse(responseCode = "409", description = "WIG closed, not predictive and influenceable, already active, or retired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    @APIResponse(responseCode = "422", description = "activeFrom after now or more than two years back",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "#/components/schemas/Problem")))
    public Uni<Response> activate(@PathParam("leadMeasureId") UUID leadMeasureId,
                                  @Parameter(description = "The ETag of the lead measure as you last read it", required = true,
                                          schema = @Schema(type = SchemaType.STRING))
                                  @HeaderParam("If-Match") String ifMatch,
                                  @Context HttpHeaders headers,
                                  @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                          schema = @Schema(implementation = ActivateLeadMeasureRequest.class)))
                                  String body) throws IOException {
        long expected = Versions.required(ifMatch);
        ActivateLeadMeasureRequest request = optionalBody(body, headers.getMediaType());
        return access.change(leadMeasureId)
                .chain(() -> leadMeasures.activate(leadMeasureId, expected, request == null ? null : request.activeFrom()))
                .map(LeadMeasureResource::ok);
    }

    /**
     * The optional activation body, read with the application's (strict) JSON mapper; {@code null} without one.
     * Read here rather than by the framework because a bare POST, with no body and no Content-Type, must keep
     * working, and the framework finds no reader for a JSON type without a JSON Content-Type (415).
     */
    private ActivateLeadMeasureRequest optionalBody(String body, MediaType type) throws IOException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (type == null || !(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"))) {
            throw new NotSupportedException();
        }
        return json.readValue(body, ActivateLeadMeasureRequest.class);
    }

    @POST
    @Path("/{leadMeasureId}/retire")
    @Operation(summary = "Retire a proposed or active lead measure, with the reason")
    @APIResponse(responseCode = "200", description = "Retired; the lead measure as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = LeadMeasureView.class)))
    public Uni<Response> retire(@PathParam("leadMeasureId") UUID leadMeasureId,
                                @Parameter(description = "The ETag of the lead measure as you last read it", required = true,
                                        schema = @Schema(type = SchemaType.STRING))
                                @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull RetireLeadMeasureRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(leadMeasureId).chain(() -> leadMeasures.retire(leadMeasureId, expected, request))
                .map(LeadMeasureResource::ok);
    }

    @POST
    @Path("/{leadMeasureId}/replace")
    @Operation(summary = "Replace an active lead measure by a proposed one of the same WIG",
            description = "Retires this lead measure and activates the replacement in one transaction: both change or "
                    + "neither does. The replacement must pass the activation rule, and their WIG must still be active "
                    + "(409 wig-closed). If-Match is this (the old) lead "
                    + "measure's ETag; the answer's ETag is its new version.")
    @APIResponse(responseCode = "200", description = "Replaced; both lead measures as they now stand",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = ReplacementView.class)))
    public Uni<Response> replace(@PathParam("leadMeasureId") UUID leadMeasureId,
                                 @Parameter(description = "The ETag of this (the old) lead measure as you last read it",
                                         required = true, schema = @Schema(type = SchemaType.STRING))
                                 @HeaderParam("If-Match") String ifMatch,
                                 @Valid @NotNull ReplaceLeadMeasureRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(leadMeasureId).chain(() -> leadMeasures.replace(leadMeasureId, expected, request))
                .map(replacement -> {
            Decision<LeadMeasureState> retired = replacement.retired();
            Decision<LeadMeasureState> activated = replacement.activated();
            // both streams changed: one position each, so a client can wait for the replacement too
            return Answers.positioned(Answers.positioned(Response.ok(new ReplacementView(
                            LeadMeasureView.of((DefinedLeadMeasure) retired.state(), retired.version()),
                            LeadMeasureView.of((DefinedLeadMeasure) activated.state(), activated.version()))), retired),
                            activated)
                    .tag(Versions.etag(retired.version()))
                    .build();
        });
    }

    @POST
    @Path("/{leadMeasureId}/readings")
    @Operation(summary = "Record the manual count of the lead measure's activities for an ISO week",
            description = "For activities recorded outside activity-service. A second count for the same week corrects "
                    + "the first; the same count again changes nothing. The week must have begun.")
    @APIResponse(responseCode = "200", description = "Recorded; the lead measure as it now stands",
            headers = @Header(name = "ETag"), content = @Content(schema = @Schema(implementation = LeadMeasureView.class)))
    public Uni<Response> recordReading(@PathParam("leadMeasureId") UUID leadMeasureId,
                                       @Parameter(description = "The ETag of the lead measure as you last read it",
                                               required = true, schema = @Schema(type = SchemaType.STRING))
                                       @HeaderParam("If-Match") String ifMatch,
                                       @Valid @NotNull LeadReadingRequest request) {
        long expected = Versions.required(ifMatch);
        return access.change(leadMeasureId).chain(() -> leadMeasures.recordReading(leadMeasureId, expected, request))
                .map(LeadMeasureResource::ok);
    }

    private static String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String value = status.strip();
        if (!STATUSES.contains(value)) {
            throw QueryParams.invalid("status", "must be one of proposed, active, retired");
        }
        return value;
    }

    private static Response ok(Decision<LeadMeasureState> decision) {
        return Answers.ok(decision, (state, version) -> LeadMeasureView.of((DefinedLeadMeasure) state, version));
    }
}
