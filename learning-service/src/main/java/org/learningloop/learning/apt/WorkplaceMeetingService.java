package org.learningloop.learning.apt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;
import org.learningloop.decider.CommandRejected;
import org.learningloop.learning.apt.WorkplaceMeetingApi.AgreementRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.AgreementView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.CoachingNoteRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.NoteView;
import org.learningloop.learning.apt.WorkplaceMeetingApi.OpenWorkplaceMeetingRequest;
import org.learningloop.learning.apt.WorkplaceMeetingApi.WorkplaceMeetingSummary;
import org.learningloop.learning.apt.WorkplaceMeetingApi.WorkplaceMeetingView;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.AddCoachingNote;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.CloseWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.OpenWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.RecordAgreement;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.TeamLoop;
import org.learningloop.learning.apt.WorkplaceMeetingState.ClosedMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingState.NoMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingState.OpenMeeting;
import org.learningloop.learning.loop.LoopReads;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Opens, annotates and closes the monthly workplace meetings (APT) of units. Closing writes, in the same
 * transaction as its events, the meeting list, the agreements and the teams' closed loop iterations.
 */
@ApplicationScoped
public class WorkplaceMeetingService {

    static final Aggregate<WorkplaceMeetingCommand, LearningEvent, WorkplaceMeetingState> WORKPLACE_MEETING =
            new Aggregate<>("workplace-meeting", new WorkplaceMeetingDecider(), LearningEvent.class, LearningEvents.CATALOG);

    private final CommandHandler handler;
    private final LoopReads reads;
    private final Digests digests;
    private final Pool pool;
    private final Clock clock;
    private final Caller caller;

    public WorkplaceMeetingService(CommandHandler handler, LoopReads reads, Digests digests, Pool pool, Clock clock, Caller caller) {
        this.handler = handler;
        this.reads = reads;
        this.digests = digests;
        this.pool = pool;
        this.clock = clock;
        this.caller = caller;
    }

    /** One meeting per unit and month: its id is derived from both. */
    public static UUID meetingId(UUID unitId, String month) {
        return UUID.nameUUIDFromBytes(("workplace-meeting\n" + unitId + "\n" + month).getBytes(StandardCharsets.UTF_8));
    }

    public Uni<Decision<WorkplaceMeetingState>> open(UUID unitId, OpenWorkplaceMeetingRequest request) {
        String month = request.month();
        UUID id = meetingId(unitId, month);
        return handler.inTransaction(tx -> reads.teamsOfUnit(tx, unitId)
                .chain(teams -> handler.handleIn(tx, WORKPLACE_MEETING, WORKPLACE_MEETING.streamId(id),
                        new OpenWorkplaceMeeting(id, unitId, month, teams), Expectation.any(), context()))
                .call(decision -> tx.preparedQuery("""
                                insert into workplace_meeting (workplace_meeting_id, unit_id, month, status)
                                values ($1, $2, $3, 'open')""")
                        .execute(Tuple.of(id, unitId, month))));
    }

    public Uni<Decision<WorkplaceMeetingState>> addNote(UUID id, long expectedVersion, CoachingNoteRequest request) {
        Expectation expectation = Expectation.version(expectedVersion);
        UUID noteId = UUID.randomUUID();
        return withUnitTeams(id, expectation, teams -> new AddCoachingNote(id, noteId, request.note(), request.teamId(),
                request.authorId(), teams));
    }

    public Uni<Decision<WorkplaceMeetingState>> recordAgreement(UUID id, long expectedVersion, AgreementRequest request) {
        Expectation expectation = Expectation.version(expectedVersion);
        UUID agreementId = UUID.randomUUID();
        return withUnitTeams(id, expectation, teams -> new RecordAgreement(id, agreementId, request.kind(),
                request.teamId(), request.designId(), request.leadMeasureId(), request.replacementLeadMeasureId(),
                request.segment(), request.rationale(), request.learningIds(), request.activityIds(), request.intention(),
                request.frames(), request.content(), request.hypothesis(), teams));
    }

    private Uni<Decision<WorkplaceMeetingState>> withUnitTeams(UUID id, Expectation expectation,
                                                               java.util.function.Function<Set<UUID>, WorkplaceMeetingCommand> command) {
        String streamId = WORKPLACE_MEETING.streamId(id);
        return handler.inTransaction(tx -> handler.load(tx, WORKPLACE_MEETING, streamId)
                .chain(current -> teams(tx, current.state()))
                .chain(teams -> handler.handleIn(tx, WORKPLACE_MEETING, streamId, command.apply(teams), expectation,
                        context())));
    }

    /** The meeting's teams and those the read models put in its unit now (empty when there is no meeting). */
    private Uni<Set<UUID>> teams(SqlClient tx, WorkplaceMeetingState state) {
        WorkplaceMeetingOpened opened = opened(state);
        if (opened == null) {
            return Uni.createFrom().item(Set.of());
        }
        return reads.teamsOfUnit(tx, opened.unitId()).map(known -> {
            Set<UUID> teams = new LinkedHashSet<>(opened.teamIds());
            teams.addAll(known);
            return teams;
        });
    }

    public Uni<Decision<WorkplaceMeetingState>> close(UUID id, long expectedVersion) {
        String streamId = WORKPLACE_MEETING.streamId(id);
        return handler.inTransaction(tx -> handler.load(tx, WORKPLACE_MEETING, streamId)
                .chain(current -> teams(tx, current.state()))
                .chain(teams -> loops(tx, List.copyOf(teams)))
                .chain(loops -> handler.handleIn(tx, WORKPLACE_MEETING, streamId, new CloseWorkplaceMeeting(id, loops),
                                Expectation.version(expectedVersion), context())
                        .call(decision -> writeClosed(tx, (ClosedMeeting) decision.state(), loops))));
    }

    /** Each team's current loop iteration: one after its last closed one (1 when none). */
    private static Uni<List<TeamLoop>> loops(SqlClient tx, List<UUID> teams) {
        return tx.preparedQuery("""
                        select distinct on (team_id) team_id, iteration, to_month from loop_iteration
                        where team_id = any($1) order by team_id, iteration desc""")
                .execute(Tuple.tuple().addArrayOfUUID(teams.toArray(new UUID[0])))
                .map(rows -> {
                    Map<UUID, Row> last = new HashMap<>();
                    rows.forEach(row -> last.put(row.getUUID("team_id"), row));
                    return teams.stream().map(team -> last.containsKey(team)
                            ? new TeamLoop(team, last.get(team).getInteger("iteration") + 1,
                            last.get(team).getString("to_month"))
                            : new TeamLoop(team, 1, null)).toList();
                });
    }

    private static Uni<Void> writeClosed(SqlClient tx, ClosedMeeting closed, List<TeamLoop> loops) {
        WorkplaceMeetingOpened opened = closed.opened();
        List<Tuple> agreements = new ArrayList<>();
        for (int i = 0; i < closed.agreements().size(); i++) {
            AgreementMade made = closed.agreements().get(i).made();
            agreements.add(Tuple.tuple().addUUID(made.agreementId()).addUUID(opened.workplaceMeetingId())
                    .addUUID(opened.unitId()).addUUID(made.teamId()).addString(opened.month()).addInteger(i)
                    .addString(LearningEvents.CATALOG.encode(made)));
        }
        List<Tuple> iterations = new ArrayList<>();
        for (TeamLoop loop : loops) {
            UUID[] concerning = closed.agreements().stream()
                    .filter(a -> a.teamId() == null || a.teamId().equals(loop.teamId()))
                    .map(AgreementRecorded::agreementId).toArray(UUID[]::new);
            String from = loop.lastClosedMonth() == null ? null
                    : java.time.YearMonth.parse(loop.lastClosedMonth()).plusMonths(1).toString();
            iterations.add(Tuple.tuple().addUUID(loop.teamId()).addInteger(loop.iteration()).addUUID(opened.unitId())
                    .addString(from).addString(opened.month()).addUUID(opened.workplaceMeetingId())
                    .addArrayOfUUID(concerning));
        }
        Uni<Void> chain = tx.preparedQuery("update workplace_meeting set status = 'closed' where workplace_meeting_id = $1")
                .execute(Tuple.of(opened.workplaceMeetingId())).replaceWithVoid();
        if (!agreements.isEmpty()) {
            chain = chain.chain(() -> tx.preparedQuery("""
                            insert into agreement_view (agreement_id, workplace_meeting_id, unit_id, team_id, month, position,
                                                        payload)
                            values ($1, $2, $3, $4, $5, $6, $7::text::jsonb)""")
                    .executeBatch(agreements).replaceWithVoid());
        }
        if (!iterations.isEmpty()) {
            chain = chain.chain(() -> tx.preparedQuery("""
                            insert into loop_iteration (team_id, iteration, unit_id, from_month, to_month,
                                                        workplace_meeting_id, agreement_ids)
                            values ($1, $2, $3, $4, $5, $6, $7)""")
                    .executeBatch(iterations).replaceWithVoid()
                    .onFailure(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState()))
                    .transform(clash -> CommandRejected.ruleViolated("loop-closed-meanwhile",
                            "Another workplace meeting closed a team's loop iteration meanwhile")));
        }
        return chain;
    }

    public Uni<Decision<WorkplaceMeetingState>> get(UUID id) {
        return handler.load(WORKPLACE_MEETING, WORKPLACE_MEETING.streamId(id)).invoke(decision -> {
            if (decision.state() instanceof NoMeeting) {
                throw CommandRejected.notFound("workplace-meeting-not-found", "There is no workplace meeting " + id);
            }
        });
    }

    /** The unit whose workplace meeting {@code id} is; 404 when there is none. */
    public Uni<UUID> unitOf(UUID id) {
        return get(id).map(decision -> opened(decision.state()).unitId());
    }

    /** The meeting with its digest as the read models stand now. */
    public Uni<WorkplaceMeetingView> view(Decision<WorkplaceMeetingState> decision) {
        WorkplaceMeetingState state = decision.state();
        WorkplaceMeetingOpened opened = opened(state);
        List<CoachingNoteAdded> notes = state instanceof OpenMeeting open ? open.notes() : ((ClosedMeeting) state).notes();
        List<AgreementRecorded> agreements = state instanceof OpenMeeting open ? open.agreements()
                : ((ClosedMeeting) state).agreements();
        return digests.digest(pool, opened.unitId(), opened.month(), opened.teamIds())
                .map(digest -> new WorkplaceMeetingView(opened.workplaceMeetingId(), opened.unitId(), opened.month(),
                        state instanceof ClosedMeeting ? "closed" : "open", opened.teamIds(),
                        notes.stream().map(n -> new NoteView(n.noteId(), n.note(), n.teamId(), n.authorId())).toList(),
                        agreements.stream().map(a -> agreementView(a.made())).toList(), digest, decision.version()));
    }

    static AgreementView agreementView(AgreementMade a) {
        return new AgreementView(a.agreementId(), a.kind().name().toLowerCase().replace('_', '-'), a.teamId(),
                a.designId(), a.leadMeasureId(), a.replacementLeadMeasureId(), a.segment(), a.rationale(),
                a.learningIds(), a.activityIds(), a.intention(), a.frames(), a.content(), a.hypothesis(), a.month(),
                a.workplaceMeetingId());
    }

    /** A page of the unit's meetings, by month. */
    public Uni<Page<WorkplaceMeetingSummary>> list(UUID unitId, String cursor, int limit) {
        Tuple params = Tuple.tuple().addUUID(unitId);
        String after = "";
        if (cursor != null) {
            String month = Cursors.decode(cursor, 1)[0];
            if (!month.matches(WorkplaceMeetingApi.MONTH)) {
                throw Cursors.invalid();
            }
            params.addString(month);
            after = " and month > $2";
        }
        params.addInteger(limit + 1);
        return pool.preparedQuery("select * from workplace_meeting where unit_id = $1" + after + " order by month limit $"
                        + (cursor != null ? 3 : 2))
                .execute(params)
                .map(rows -> {
                    List<WorkplaceMeetingSummary> all = new ArrayList<>();
                    rows.forEach(row -> all.add(new WorkplaceMeetingSummary(row.getUUID("workplace_meeting_id"),
                            row.getUUID("unit_id"), row.getString("month"), row.getString("status"))));
                    return Page.of(all, limit, summary -> summary, last -> Cursors.encode(last.month()));
                });
    }

    private static WorkplaceMeetingOpened opened(WorkplaceMeetingState state) {
        if (state instanceof OpenMeeting open) {
            return open.opened();
        }
        if (state instanceof ClosedMeeting closed) {
            return closed.opened();
        }
        return null;
    }

    private CommandContext context() {
        return CommandContext.of(clock.instant(), caller.actor());
    }
}
