package org.learningloop.goal.organisation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.UnitEvent;
import org.learningloop.decider.CommandRejected;
import org.learningloop.goal.organisation.OrganisationApi.ChangeManagerRequest;
import org.learningloop.goal.organisation.OrganisationApi.CreateUnitRequest;
import org.learningloop.goal.organisation.UnitCommand.ChangeManager;
import org.learningloop.goal.organisation.UnitCommand.CreateUnit;
import org.learningloop.goal.organisation.UnitState.ExistingUnit;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.util.UUID;

/** Turns unit requests into commands on the unit's stream. */
@ApplicationScoped
public class UnitService {

    static final Aggregate<UnitCommand, UnitEvent, UnitState> UNIT =
            new Aggregate<>("unit", new UnitDecider(), UnitEvent.class, GoalEvents.CATALOG);

    private final CommandHandler handler;
    private final OrganisationCommands commands;
    private final Clock clock;
    private final Caller caller;

    public UnitService(CommandHandler handler, OrganisationCommands commands, Clock clock, Caller caller) {
        this.handler = handler;
        this.commands = commands;
        this.clock = clock;
        this.caller = caller;
    }

    public Uni<Creation.Created<UnitState>> create(CreateUnitRequest request, String idempotencyKey) {
        return commands.create(UNIT, "POST /units", idempotencyKey, request,
                id -> new CreateUnit(id, request.name(), request.managerId()), context());
    }

    public Uni<Decision<UnitState>> changeManager(UUID unitId, long expectedVersion, ChangeManagerRequest request) {
        return commands.change(UNIT, unitId, new ChangeManager(unitId, request.managerId()), expectedVersion, context());
    }

    /** The unit and its version; 404 when there is none. */
    public Uni<Decision<UnitState>> get(UUID unitId) {
        return handler.load(UNIT, UNIT.streamId(unitId)).invoke(decision -> {
            if (!(decision.state() instanceof ExistingUnit)) {
                throw CommandRejected.notFound("unit-not-found", "There is no unit " + unitId);
            }
        });
    }

    private CommandContext context() {
        return CommandContext.of(clock.instant(), caller.actor());
    }
}
