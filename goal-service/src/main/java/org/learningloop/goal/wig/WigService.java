package org.learningloop.goal.wig;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.goal.wig.WigApi.DefineWigRequest;
import org.learningloop.goal.wig.WigApi.LagReadingRequest;
import org.learningloop.goal.organisation.Organisation;
import org.learningloop.goal.wig.WigCommand.DefineWig;
import org.learningloop.goal.wig.WigCommand.ParentWig;
import org.learningloop.goal.wig.WigCommand.RecordLagReading;
import org.learningloop.goal.wig.WigState.DefinedWig;
import org.learningloop.goal.wig.summary.WigSummaryListing;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.eventstore.RecordedEvent;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Turns WIG requests into commands on the WIG's stream. */
@ApplicationScoped
public class WigService {

    static final Aggregate<WigCommand, WigEvent, WigState> WIG =
            new Aggregate<>("wig", new WigDecider(), WigEvent.class, GoalEvents.CATALOG);

    private final CommandHandler handler;
    private final Creation creation;
    private final Clock clock;
    private final Caller caller;
    private final LoopConfig config;
    private final Organisation organisation;
    private final EventStore store;
    private final WigSummaryListing listing;

    public WigService(CommandHandler handler, Creation creation, Clock clock, LoopConfig config, Organisation organisation,
                      Caller caller, EventStore store, WigSummaryListing listing) {
        this.handler = handler;
        this.creation = creation;
        this.clock = clock;
        this.caller = caller;
        this.config = config;
        this.organisation = organisation;
        this.store = store;
        this.listing = listing;
    }

    public Uni<Creation.Created<WigState>> define(DefineWigRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        LagMeasure lag = new LagMeasure(request.lagMeasure().metric().strip(), request.lagMeasure().unit().strip(),
                request.lagMeasure().from(), request.lagMeasure().to(),
                request.lagMeasure().startDate() != null ? request.lagMeasure().startDate()
                        : LocalDate.ofInstant(now, config.timeZone()),
                request.lagMeasure().deadline(),
                request.lagMeasure().cadence() != null ? request.lagMeasure().cadence() : Cadence.MONTH);
        return owner(request).chain(owner -> parent(request.parentWigId()).chain(parent ->
                creation.create(WIG, "POST /wigs", idempotencyKey, request,
                        id -> new DefineWig(id, request.teamId(), request.unitId(), request.title().strip(), lag, owner, parent),
                        CommandContext.of(now, caller.actor()),
                        (tx, decision) -> listing.catchUp(tx, ((DefinedWig) decision.state()).wigId(), decision.appended()))));
    }

    /** What is known of the team (team WIG) or unit (unit WIG) the new WIG belongs to. */
    private Uni<WigCommand.Owner> owner(DefineWigRequest request) {
        if (request.teamId() != null) {
            return organisation.team(request.teamId()).map(team -> team
                    .map(found -> new WigCommand.Owner(true, found.unitId()))
                    .orElse(new WigCommand.Owner(false, null)));
        }
        if (request.unitId() != null) {
            return organisation.unit(request.unitId()).map(unit -> new WigCommand.Owner(unit.isPresent(), request.unitId()));
        }
        return Uni.createFrom().nullItem();
    }

    public Uni<Decision<WigState>> recordReading(UUID wigId, long expectedVersion, LagReadingRequest request) {
        Instant now = clock.instant();
        return change(wigId, expectedVersion,
                new RecordLagReading(wigId, request.period().strip(), request.value(), now, config.timeZone()), now);
    }

    public Uni<Decision<WigState>> revise(UUID wigId, long expectedVersion, WigApi.ReviseWigRequest request) {
        return change(wigId, expectedVersion, new WigCommand.ReviseWig(wigId,
                request.title() == null ? null : request.title().strip(), request.to(), request.deadline(),
                request.reason() == null ? null : request.reason().strip()));
    }

    public Uni<Decision<WigState>> achieve(UUID wigId, long expectedVersion) {
        return change(wigId, expectedVersion, new WigCommand.AchieveWig(wigId));
    }

    public Uni<Decision<WigState>> abandon(UUID wigId, long expectedVersion, String reason) {
        return change(wigId, expectedVersion, new WigCommand.AbandonWig(wigId, reason.strip()));
    }

    /** The WIG's events, oldest first; 404 when there is none. */
    public Uni<List<RecordedEvent>> history(UUID wigId) {
        return handler.events(WIG.streamId(wigId)).invoke(events -> {
            if (events.isEmpty()) {
                throw CommandRejected.notFound("wig-not-found", "There is no WIG " + wigId);
            }
        });
    }

    private Uni<Decision<WigState>> change(UUID wigId, long expectedVersion, WigCommand command) {
        return change(wigId, expectedVersion, command, clock.instant());
    }

    /** Decides and appends the command, and brings the WIG list up to the WIG's stream in the same transaction. */
    private Uni<Decision<WigState>> change(UUID wigId, long expectedVersion, WigCommand command, Instant now) {
        return handler.change(WIG, wigId, command, expectedVersion, CommandContext.of(now, caller.actor()),
                (tx, decision) -> catchUp(tx, wigId));
    }

    /** Brings the WIG's row of the WIG list up to its stream, in the caller's transaction. */
    Uni<Void> catchUp(SqlClient tx, UUID wigId) {
        return listing.catchUp(tx, wigId, from -> store.readStreamFrom(tx, WIG.streamId(wigId), from));
    }

    /** The WIG and its version; 404 when there is none. */
    public Uni<Decision<WigState>> get(UUID wigId) {
        return handler.load(WIG, WIG.streamId(wigId)).invoke(decision -> {
            if (!(decision.state() instanceof DefinedWig)) {
                throw CommandRejected.notFound("wig-not-found", "There is no WIG " + wigId);
            }
        });
    }

    private Uni<ParentWig> parent(UUID parentWigId) {
        if (parentWigId == null) {
            return Uni.createFrom().nullItem();
        }
        return handler.load(WIG, WIG.streamId(parentWigId)).map(decision -> decision.state() instanceof DefinedWig wig
                ? new ParentWig(parentWigId, true, wig.teamId(), wig.unitId())
                : new ParentWig(parentWigId, false, null, null));
    }
}
