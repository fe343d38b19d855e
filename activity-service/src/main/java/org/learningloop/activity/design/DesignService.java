package org.learningloop.activity.design;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.activity.catalog.Catalog;
import org.learningloop.activity.design.DesignApi.CreateDesignRequest;
import org.learningloop.activity.design.DesignApi.ForkDesignRequest;
import org.learningloop.activity.design.DesignApi.RetireDesignRequest;
import org.learningloop.activity.design.DesignApi.ReviseDesignRequest;
import org.learningloop.activity.design.DesignCommand.CreateDesign;
import org.learningloop.activity.design.DesignCommand.ForkDesign;
import org.learningloop.activity.design.DesignCommand.RetireDesign;
import org.learningloop.activity.design.DesignCommand.ReviseDesign;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.activity.design.listing.DesignListing;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns design requests (and agreements of workplace meetings) into commands on design streams
 * ({@code design-<id>}), and writes the design list read model in the same transaction as each change.
 */
@ApplicationScoped
public class DesignService {

    /** Stream type {@code design}: activity planning folds these streams too, so it is part of the service's contract. */
    public static final Aggregate<DesignCommand, DesignEvent, DesignState> DESIGN =
            new Aggregate<>("design", new DesignDecider(), DesignEvent.class, ActivityEvents.CATALOG);

    private final CommandHandler handler;
    private final Creation creation;
    private final Catalog catalog;
    private final DesignListing listing;
    private final Clock clock;
    private final Caller caller;

    public DesignService(CommandHandler handler, Creation creation, Catalog catalog, DesignListing listing, Clock clock, Caller caller) {
        this.handler = handler;
        this.creation = creation;
        this.catalog = catalog;
        this.listing = listing;
        this.clock = clock;
        this.caller = caller;
    }

    public Uni<Creation.Created<DesignState>> create(CreateDesignRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        return catalog.activityTypeExists(request.activityType())
                .chain(typeKnown -> catalog.unknownSegments(request.segments())
                        .chain(unknown -> creation.create(DESIGN, "POST /designs", idempotencyKey, request,
                                id -> new CreateDesign(id, request.unitId(), request.teamId(), request.name().strip(),
                                        request.activityType(), typeKnown, request.leadMeasureId(), request.segments(),
                                        unknown, request.intention().strip(), request.frames().toFrames(),
                                        request.content().toContent(), request.hypothesis().strip()),
                                CommandContext.of(now, caller.actor()),
                                (tx, decision) -> write(tx, decision, now))));
    }

    public Uni<Decision<DesignState>> revise(UUID designId, long expectedVersion, ReviseDesignRequest request) {
        return change(designId, new ReviseDesign(designId, Text.stripToNull(request.intention()),
                request.frames() == null ? null : request.frames().toFrames(),
                request.content() == null ? null : request.content().toContent(),
                Text.stripToNull(request.hypothesis()), request.rationale().strip(), null),
                expectedVersion);
    }

    public Uni<Decision<DesignState>> retire(UUID designId, long expectedVersion, RetireDesignRequest request) {
        return change(designId, new RetireDesign(designId, request.reason().strip(), null),
                expectedVersion);
    }

    public Uni<Creation.Created<DesignState>> fork(UUID sourceId, ForkDesignRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        return handler.load(DESIGN, DESIGN.streamId(sourceId))
                .chain(source -> catalog.unknownSegments(request.segments())
                        .chain(unknown -> creation.create(DESIGN, "POST /designs/" + sourceId + "/fork", idempotencyKey,
                                request, id -> new ForkDesign(id, source.state(), request.version(), request.segments(),
                                        unknown, Text.stripToNull(request.name()),
                                        Text.stripToNull(request.rationale()), null),
                                CommandContext.of(now, caller.actor()),
                                (tx, decision) -> write(tx, decision, now))));
    }

    /** The design and its stream version; 404 when there is none. */
    public Uni<Decision<DesignState>> get(UUID designId) {
        return handler.load(DESIGN, DESIGN.streamId(designId)).invoke(decision -> {
            if (!(decision.state() instanceof DefinedDesign)) {
                throw CommandRejected.notFound("design-not-found", "There is no design " + designId);
            }
        });
    }

    // ---- reactions to agreements, inside the inbox's transaction ----------------------------------------------

    /** A new version of {@code designId} caused by {@code agreementId}; nothing when that agreement was already applied. */
    public Uni<Decision<DesignState>> reviseIn(SqlClient tx, UUID designId, AgreementMade agreement, String rationale,
                                               CommandContext context) {
        return handler.handleIn(tx, DESIGN, DESIGN.streamId(designId),
                        new ReviseDesign(designId, agreement.intention(), agreement.frames(), agreement.content(),
                                agreement.hypothesis(), rationale, agreement.agreementId()), Expectation.any(), context)
                .call(decision -> writeIfChanged(tx, decision, context.now()));
    }

    /** Retires {@code designId} as {@code agreementId} decided; nothing when that agreement was already applied. */
    public Uni<Decision<DesignState>> retireIn(SqlClient tx, UUID designId, String reason, UUID agreementId,
                                               CommandContext context) {
        return handler.handleIn(tx, DESIGN, DESIGN.streamId(designId), new RetireDesign(designId, reason, agreementId),
                        Expectation.any(), context)
                .call(decision -> writeIfChanged(tx, decision, context.now()));
    }

    /**
     * Forks the current version of {@code sourceId} for {@code segment} as {@code agreementId} decided. The new
     * design's id is derived from the agreement and the source, so the same agreement forks once.
     */
    public Uni<Void> forkIn(SqlClient tx, UUID sourceId, String segment, String rationale, UUID agreementId,
                            CommandContext context) {
        UUID forkId = UUID.nameUUIDFromBytes(("fork-design\n" + agreementId + "\n" + sourceId)
                .getBytes(StandardCharsets.UTF_8));
        return handler.load(tx, DESIGN, DESIGN.streamId(forkId)).chain(existing -> {
            if (existing.state() instanceof DefinedDesign) {
                return Uni.createFrom().voidItem();
            }
            List<String> segments = List.of(segment);
            return handler.load(tx, DESIGN, DESIGN.streamId(sourceId))
                    .chain(source -> catalog.unknownSegments(tx, segments)
                            .chain(unknown -> handler.handleIn(tx, DESIGN, DESIGN.streamId(forkId),
                                    new ForkDesign(forkId, source.state(), null, segments, unknown, null, rationale,
                                            agreementId), Expectation.noStream(), context)))
                    .call(decision -> write(tx, decision, context.now()))
                    .replaceWithVoid();
        });
    }

    private Uni<Decision<DesignState>> change(UUID designId, DesignCommand command, long expectedVersion) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        return handler.change(DESIGN, designId, command, expectedVersion, context,
                (tx, decision) -> writeIfChanged(tx, decision, context.now()));
    }

    private Uni<Void> writeIfChanged(SqlClient tx, Decision<DesignState> decision, Instant now) {
        return decision.appended().isEmpty() ? Uni.createFrom().voidItem() : write(tx, decision, now);
    }

    private Uni<Void> write(SqlClient tx, Decision<DesignState> decision, Instant now) {
        DefinedDesign design = (DefinedDesign) decision.state();
        return listing.write(tx, new DesignListing.Entry(design.designId(), design.unitId(), design.teamId(),
                design.name(), design.activityType(), design.leadMeasureId(), design.segments(), DesignApi.status(design),
                design.current().version(), design.forkedFrom() == null ? null : design.forkedFrom().designId(),
                decision.version()), now);
    }
}
