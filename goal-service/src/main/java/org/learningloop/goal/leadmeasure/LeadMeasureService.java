package org.learningloop.goal.leadmeasure;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LeadMeasureEvent;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.LeadReadingRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ProposeLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.ReplaceLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureApi.RetireLeadMeasureRequest;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ActivateLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.ProposeLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RecordLeadReading;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.Replacing;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.RetireLeadMeasure;
import org.learningloop.goal.leadmeasure.LeadMeasureCommand.WigFound;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;
import org.learningloop.goal.leadmeasure.listing.LeadMeasureListing;
import org.learningloop.goal.wig.WigCommand;
import org.learningloop.goal.wig.WigDecider;
import org.learningloop.goal.wig.WigState;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Turns lead-measure requests into commands on lead-measure streams, and writes the list read model
 * in the same transaction as each change.
 */
@ApplicationScoped
public class LeadMeasureService {

    static final Aggregate<LeadMeasureCommand, LeadMeasureEvent, LeadMeasureState> LEAD_MEASURE =
            new Aggregate<>("lead-measure", new LeadMeasureDecider(), LeadMeasureEvent.class, GoalEvents.CATALOG);

    /** Read only, to learn what a lead measure's WIG is; WIG changes belong to the wig package. */
    private static final Aggregate<WigCommand, WigEvent, WigState> WIG =
            new Aggregate<>("wig", new WigDecider(), WigEvent.class, GoalEvents.CATALOG);

    private final CommandHandler handler;
    private final Creation creation;
    private final LeadMeasureListing listing;
    private final Clock clock;
    private final Caller caller;
    private final LoopConfig config;

    public LeadMeasureService(CommandHandler handler, Creation creation, LeadMeasureListing listing, Clock clock,
                              LoopConfig config, Caller caller) {
        this.handler = handler;
        this.creation = creation;
        this.listing = listing;
        this.clock = clock;
        this.caller = caller;
        this.config = config;
    }

    /** The outcome of a replacement: both streams' decisions, committed together. */
    public record Replacement(Decision<LeadMeasureState> retired, Decision<LeadMeasureState> activated) {
    }

    public Uni<Creation.Created<LeadMeasureState>> propose(ProposeLeadMeasureRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        return wig(request.wigId())
                .chain(wig -> creation.create(LEAD_MEASURE, "POST /lead-measures", idempotencyKey, request,
                        id -> new ProposeLeadMeasure(id, wig, request.name().strip(), request.activityType(),
                                request.weeklyTarget(), request.hypothesis().strip(), request.checklist().toChecklist()),
                        CommandContext.of(now, caller.actor()),
                        (tx, decision) -> write(tx, decision, now)));
    }

    /**
     * Activates the lead measure, counting from {@code activeFrom} ({@code null}: from now), if its WIG is still
     * active: the WIG's current state is loaded (in the same transaction) and comes in with the command.
     */
    public Uni<Decision<LeadMeasureState>> activate(UUID leadMeasureId, long expectedVersion, Instant activeFrom) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor()); // without activeFrom: the event's time
        return handler.inTransaction(tx -> wigOf(tx, leadMeasureId)
                .chain(wig -> handler.handleIn(tx, LEAD_MEASURE, LEAD_MEASURE.streamId(leadMeasureId),
                        new ActivateLeadMeasure(leadMeasureId, wig, null, activeFrom, context.now(), config.timeZone()),
                        Expectation.version(expectedVersion), context))
                .call(decision -> write(tx, decision, context.now())));
    }

    public Uni<Decision<LeadMeasureState>> retire(UUID leadMeasureId, long expectedVersion, RetireLeadMeasureRequest request) {
        return change(leadMeasureId, new RetireLeadMeasure(leadMeasureId, request.reason().strip(), null, null, null),
                expectedVersion);
    }

    public Uni<Decision<LeadMeasureState>> recordReading(UUID leadMeasureId, long expectedVersion,
                                                         LeadReadingRequest request) {
        Instant now = clock.instant();
        return change(leadMeasureId, new RecordLeadReading(leadMeasureId, request.week().strip(), request.count(), now,
                config.timeZone()), expectedVersion);
    }

    /** Replaces {@code leadMeasureId} (at {@code expectedVersion}) by the request's replacement, in one transaction. */
    public Uni<Replacement> replace(UUID leadMeasureId, long expectedVersion, ReplaceLeadMeasureRequest request) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        return handler.inTransaction(tx -> replaceIn(tx, leadMeasureId, Expectation.version(expectedVersion),
                request.replacementId(), request.reason().strip(), null,
                Text.stripToNull(request.evidenceRef()), context));
    }

    /**
     * Retires {@code leadMeasureId} and activates {@code replacementId} in its place, inside the caller's
     * transaction {@code tx}: both streams change, or neither. The replacement's version is whatever it is
     * (the loop checks it on append); the old one's is {@code expected}.
     */
    public Uni<Replacement> replaceIn(SqlClient tx, UUID leadMeasureId, Expectation expected, UUID replacementId,
                                      String reason, UUID agreementId, String evidenceRef, CommandContext context) {
        return handler.handleIn(tx, LEAD_MEASURE, LEAD_MEASURE.streamId(leadMeasureId),
                        new RetireLeadMeasure(leadMeasureId, reason, replacementId, agreementId, evidenceRef), expected, context)
                .chain(retired -> wigOf(tx, replacementId)
                        .chain(wig -> handler.handleIn(tx, LEAD_MEASURE, LEAD_MEASURE.streamId(replacementId),
                                new ActivateLeadMeasure(replacementId, wig, new Replacing(leadMeasureId,
                                        ((DefinedLeadMeasure) retired.state()).wigId(), reason, agreementId, evidenceRef),
                                        null, context.now(), config.timeZone()),
                                Expectation.any(), context))
                        .call(activated -> write(tx, retired, context.now()))
                        .call(activated -> write(tx, activated, context.now()))
                        .map(activated -> new Replacement(retired, activated)));
    }

    /**
     * What the WIG's stream says now of the WIG of lead measure {@code leadMeasureId}, read in {@code tx}; when there
     * is no such lead measure, a WIG not found (the decider then refuses the missing lead measure first).
     */
    private Uni<WigFound> wigOf(SqlClient tx, UUID leadMeasureId) {
        return handler.load(tx, LEAD_MEASURE, LEAD_MEASURE.streamId(leadMeasureId)).chain(decision ->
                decision.state() instanceof DefinedLeadMeasure measure
                        ? wig(tx, measure.wigId())
                        : Uni.createFrom().item(new WigFound(null, false, null, null, false)));
    }

    /** The lead measure and its version; 404 when there is none. */
    public Uni<Decision<LeadMeasureState>> get(UUID leadMeasureId) {
        return handler.load(LEAD_MEASURE, LEAD_MEASURE.streamId(leadMeasureId)).invoke(decision -> {
            if (!(decision.state() instanceof DefinedLeadMeasure)) {
                throw CommandRejected.notFound("lead-measure-not-found", "There is no lead measure " + leadMeasureId);
            }
        });
    }

    /** What the WIG's stream says of the WIG {@code wigId}. */
    public Uni<WigFound> wig(UUID wigId) {
        return handler.load(WIG, WIG.streamId(wigId)).map(decision -> found(wigId, decision));
    }

    private Uni<WigFound> wig(SqlClient tx, UUID wigId) {
        return handler.load(tx, WIG, WIG.streamId(wigId)).map(decision -> found(wigId, decision));
    }

    private static WigFound found(UUID wigId, Decision<WigState> decision) {
        return decision.state() instanceof WigState.DefinedWig wig
                ? new WigFound(wigId, true, wig.teamId(), wig.unitId(), wig.isActive())
                : new WigFound(wigId, false, null, null, false);
    }

    private Uni<Decision<LeadMeasureState>> change(UUID leadMeasureId, LeadMeasureCommand command, long expectedVersion) {
        return change(leadMeasureId, command, expectedVersion, CommandContext.of(clock.instant(), caller.actor()));
    }

    private Uni<Decision<LeadMeasureState>> change(UUID leadMeasureId, LeadMeasureCommand command, long expectedVersion,
                                                   CommandContext context) {
        return handler.change(LEAD_MEASURE, leadMeasureId, command, expectedVersion, context,
                (tx, decision) -> write(tx, decision, context.now()));
    }

    private Uni<Void> write(SqlClient tx, Decision<LeadMeasureState> decision, Instant now) {
        DefinedLeadMeasure measure = (DefinedLeadMeasure) decision.state();
        return listing.write(tx, new LeadMeasureListing.Entry(measure.leadMeasureId(), measure.wigId(), measure.teamId(),
                measure.unitId(), measure.name(), measure.activityType(), measure.weeklyTarget(),
                LeadMeasureApi.status(measure.status()), measure.replaces(), measure.replacedBy(), decision.version()), now);
    }

}
