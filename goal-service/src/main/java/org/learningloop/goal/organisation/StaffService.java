package org.learningloop.goal.organisation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.StaffEvent;
import org.learningloop.goal.organisation.OrganisationApi.Erasure;
import org.learningloop.goal.organisation.OrganisationApi.PersonData;
import org.learningloop.goal.organisation.OrganisationApi.Stay;
import org.learningloop.goal.organisation.StaffDecider.EraseMember;
import org.learningloop.goal.organisation.StaffDecider.StaffState;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.privacy.PersonNames;
import org.learningloop.platform.privacy.TextKeys;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person's right to erasure as one operation (issue 12): in one transaction, goal-service deletes the display name
 * and the name's fingerprint it keeps, deletes the keys of every text the person wrote or that is about them (ADR 18:
 * goal-service keeps every service's keys; their tombstones on {@code loop.keys} delete them everywhere, and every
 * copy of those texts reads {@code [erased]}) and appends {@code goal.member-erased}, on which every other service
 * forgets the fingerprint and the keys it keeps. A second erasure finds nothing to erase and appends nothing.
 */
@ApplicationScoped
public class StaffService {

    static final Aggregate<EraseMember, StaffEvent, StaffState> STAFF =
            new Aggregate<>("staff", new StaffDecider(), StaffEvent.class, GoalEvents.CATALOG);

    private final CommandHandler handler;
    private final PersonNames names;
    private final TextKeys textKeys;
    private final Clock clock;
    private final Caller caller;

    public StaffService(CommandHandler handler, PersonNames names, TextKeys textKeys, Clock clock, Caller caller) {
        this.handler = handler;
        this.names = names;
        this.textKeys = textKeys;
        this.clock = clock;
        this.caller = caller;
    }

    /** Erases the person's data; 404 member-not-found when the organisation never knew them (nothing is recorded). */
    public Uni<Erasure> erase(UUID memberId) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        return handler.inTransaction(tx -> known(tx, memberId).chain(() -> handler.handleIn(tx, STAFF,
                        STAFF.streamId(memberId), new EraseMember(memberId), Expectation.any(), context))
                .chain(decision -> {
                    boolean alreadyErased = decision.appended().isEmpty();
                    return forget(tx, memberId).chain(erased -> textKeys.forget(tx, memberId, context.now())
                            .map(texts -> {
                                if (texts > 0) {
                                    erased.add("free-text");
                                }
                                return new Erasure(memberId, List.copyOf(erased), texts, alreadyErased);
                            }));
                }));
    }

    /** What goal-service holds of the person (a data-subject access request). */
    public Uni<PersonData> data(UUID memberId) {
        return handler.inTransaction(tx -> tx.preparedQuery("select "
                        + "(select display_name from staff_member where member_id = $1) as display_name, "
                        + "(select count(*) from person_name where member_id = $1) as fingerprints, "
                        + "(select count(*) from event_store where stream_id = $2) as erasures")
                .execute(Tuple.of(memberId, STAFF.streamId(memberId)))
                .chain(person -> tx.preparedQuery("select team_id, role, joined_at, left_at from team_membership "
                                + "where member_id = $1 order by joined_at, id").execute(Tuple.of(memberId))
                        .chain(stays -> tx.preparedQuery("select unit_id from unit_view where manager_id = $1 "
                                        + "order by created_at, unit_id").execute(Tuple.of(memberId))
                                .map(units -> {
                                    var row = person.iterator().next();
                                    List<Stay> teams = new ArrayList<>();
                                    stays.forEach(stay -> teams.add(new Stay(stay.getUUID("team_id"), stay.getString("role"),
                                            stay.getOffsetDateTime("joined_at").toInstant(),
                                            stay.getOffsetDateTime("left_at") == null ? null
                                                    : stay.getOffsetDateTime("left_at").toInstant())));
                                    List<UUID> managed = new ArrayList<>();
                                    units.forEach(unit -> managed.add(unit.getUUID("unit_id")));
                                    return new PersonData(memberId, row.getString("display_name"),
                                            row.getLong("fingerprints") > 0, row.getLong("erasures") > 0,
                                            List.copyOf(teams), List.copyOf(managed));
                                }))));
    }

    /** Fails with 404 unless the person was ever a member, a unit's manager, named, or erased before. */
    private Uni<Void> known(SqlClient tx, UUID memberId) {
        return tx.preparedQuery("select exists (select 1 from staff_member where member_id = $1) "
                        + "or exists (select 1 from team_membership where member_id = $1) "
                        + "or exists (select 1 from unit_view where manager_id = $1) "
                        + "or exists (select 1 from event_store where stream_id = $2)")
                .execute(Tuple.of(memberId, STAFF.streamId(memberId)))
                .invoke(rows -> {
                    if (!rows.iterator().next().getBoolean(0)) {
                        throw CommandRejected.notFound("member-not-found",
                                "The organisation has never known a member " + memberId);
                    }
                })
                .replaceWithVoid();
    }

    /** Deletes what goal-service keeps of the person; what it deleted. */
    private Uni<List<String>> forget(SqlClient tx, UUID memberId) {
        List<String> erased = new ArrayList<>();
        return tx.preparedQuery("delete from staff_member where member_id = $1").execute(Tuple.of(memberId))
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        erased.add("display-name");
                    }
                })
                .chain(() -> names.forget(tx, memberId))
                .map(forgotten -> {
                    if (forgotten) {
                        erased.add("name-fingerprint");
                    }
                    return erased;
                });
    }
}
