package org.learningloop.goal.organisation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.LoopEvent;
import org.learningloop.goal.organisation.view.OrganisationProjection;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;

import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Runs unit and team commands so that their read models change in the transaction of the events:
 * the command loop appends, then {@link OrganisationProjection} applies what was appended.
 */
@ApplicationScoped
class OrganisationCommands {

    private final CommandHandler handler;
    private final Creation creation;
    private final OrganisationProjection projection;

    OrganisationCommands(CommandHandler handler, Creation creation, OrganisationProjection projection) {
        this.handler = handler;
        this.creation = creation;
        this.projection = projection;
    }

    /** Creates an aggregate ({@link Creation}: {@code Idempotency-Key} and retries), its views in the same transaction. */
    <C, E extends LoopEvent, S> Uni<Creation.Created<S>> create(Aggregate<C, E, S> aggregate, String scope,
                                                                String idempotencyKey, Object request,
                                                                Function<UUID, C> commandFor, CommandContext context) {
        return creation.create(aggregate, scope, idempotencyKey, request, commandFor, context,
                (tx, decision) -> projection.apply(tx, decision.appended()));
    }

    /** Changes an existing aggregate at the version the client saw ({@code If-Match}). */
    <C, E extends LoopEvent, S> Uni<Decision<S>> change(Aggregate<C, E, S> aggregate, UUID id, C command,
                                                        long expectedVersion, CommandContext context) {
        return change(aggregate, id, command, expectedVersion, context, (tx, decision) -> Uni.createFrom().voidItem());
    }

    /** As {@link #change}, writing {@code alongside} rows of the caller's in the same transaction. */
    <C, E extends LoopEvent, S> Uni<Decision<S>> change(Aggregate<C, E, S> aggregate, UUID id, C command,
                                                        long expectedVersion, CommandContext context,
                                                        BiFunction<SqlConnection, Decision<S>, Uni<Void>> alongside) {
        return handler.change(aggregate, id, command, expectedVersion, context, (tx, decision) -> alongside
                .apply(tx, decision).chain(() -> projection.catchUp(tx, aggregate, id)));
    }
}
