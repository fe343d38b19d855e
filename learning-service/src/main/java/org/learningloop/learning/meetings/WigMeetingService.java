package org.learningloop.learning.meetings;

import org.learningloop.contracts.Periods;
import org.learningloop.contracts.goal.Cadence;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.contracts.learning.WigMeetingHeld.Accountability;
import org.learningloop.contracts.learning.WigMeetingHeld.Commitment;
import org.learningloop.contracts.learning.WigMeetingHeld;
import org.learningloop.contracts.learning.WigMeetingOpened;
import org.learningloop.decider.CommandRejected;
import org.learningloop.learning.learnings.Candidates;
import org.learningloop.learning.learnings.LearningApi.CandidateView;
import org.learningloop.learning.learnings.Learnings;
import org.learningloop.learning.meetings.WigMeetingApi.AccountabilityView;
import org.learningloop.learning.meetings.WigMeetingApi.CommitmentBody;
import org.learningloop.learning.meetings.WigMeetingApi.OpenWigMeetingRequest;
import org.learningloop.learning.meetings.WigMeetingApi.RecordWigMeetingRequest;
import org.learningloop.learning.meetings.WigMeetingApi.WigMeetingView;
import org.learningloop.learning.meetings.WigMeetingCommand.OpenWigMeeting;
import org.learningloop.learning.meetings.WigMeetingCommand.RecordWigMeeting;
import org.learningloop.learning.meetings.WigMeetingState.HeldMeeting;
import org.learningloop.learning.meetings.WigMeetingState.NoMeeting;
import org.learningloop.learning.meetings.WigMeetingState.OpenMeeting;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Opens weekly WIG meetings with their agenda and records them; the commitment read model changes in
 * the transaction that records the meeting.
 */
@ApplicationScoped
public class WigMeetingService {

    static final Aggregate<WigMeetingCommand, LearningEvent, WigMeetingState> WIG_MEETING =
            new Aggregate<>("wig-meeting", new WigMeetingDecider(), LearningEvent.class, LearningEvents.CATALOG);

    private final CommandHandler handler;
    private final Commitments commitments;
    private final Candidates candidates;
    private final Learnings learnings;
    private final AgendaScoreboard scoreboard;
    private final Pool pool;
    private final Clock clock;
    private final Caller caller;

    public WigMeetingService(CommandHandler handler, Commitments commitments, Candidates candidates, Learnings learnings,
                             AgendaScoreboard scoreboard, Pool pool, Clock clock, Caller caller) {
        this.scoreboard = scoreboard;
        this.handler = handler;
        this.commitments = commitments;
        this.candidates = candidates;
        this.learnings = learnings;
        this.pool = pool;
        this.clock = clock;
        this.caller = caller;
    }

    /** One meeting per team and week: its id is derived from both. */
    public static UUID meetingId(UUID teamId, String week) {
        return UUID.nameUUIDFromBytes(("wig-meeting\n" + teamId + "\n" + week).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the {@code index}-th commitment made at a meeting. */
    static UUID commitmentId(UUID wigMeetingId, int index) {
        return UUID.nameUUIDFromBytes(("commitment\n" + wigMeetingId + "\n" + index).getBytes(StandardCharsets.UTF_8));
    }

    public Uni<Decision<WigMeetingState>> open(UUID teamId, OpenWigMeetingRequest request) {
        String week = existingWeek("week", request.week());
        UUID id = meetingId(teamId, week);
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        return handler.inTransaction(tx -> commitments.openBefore(tx, teamId, week)
                .chain(open -> candidates.open(tx, teamId).chain(candidateViews -> unitOf(tx, teamId)
                        .chain(unitId -> handler.handleIn(tx, WIG_MEETING, WIG_MEETING.streamId(id),
                                new OpenWigMeeting(id, teamId, unitId.orElse(null), week, open,
                                        candidateViews.stream().map(CandidateView::id).toList()),
                                Expectation.any(), context)))));
    }

    /** The team's unit as the team directory (from loop.goals) knows it; empty for a team not seen yet. */
    private static Uni<Optional<UUID>> unitOf(SqlClient client, UUID teamId) {
        return client.preparedQuery("select unit_id from team_directory where team_id = $1")
                .execute(Tuple.of(teamId))
                .map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("unit_id")));
    }

    public Uni<Decision<WigMeetingState>> record(UUID wigMeetingId, long expectedVersion, RecordWigMeetingRequest request) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        List<Accountability> accountability = request.accountabilityOrEmpty().stream()
                .map(body -> new Accountability(body.commitmentId(), body.kept(), Text.stripToNull(body.note()))).toList();
        List<Commitment> made = new ArrayList<>();
        List<CommitmentBody> bodies = request.commitmentsOrEmpty();
        for (int i = 0; i < bodies.size(); i++) {
            CommitmentBody body = bodies.get(i);
            existingWeek("commitments[" + i + "].dueWeek", body.dueWeek());
            made.add(new Commitment(commitmentId(wigMeetingId, i), body.memberId(), body.what().strip(),
                    body.leadMeasureId(), body.dueWeek()));
        }
        List<UUID> learningIds = request.learningIdsOrEmpty();
        String streamId = WIG_MEETING.streamId(wigMeetingId);
        return handler.inTransaction(tx -> handler.load(tx, WIG_MEETING, streamId)
                .chain(current -> current.state() instanceof OpenMeeting open
                        ? learnings.ofTeam(tx, open.opened().teamId(), learningIds)
                        : Uni.createFrom().item(Set.<UUID>of()))
                .chain(teamLearnings -> handler.handleIn(tx, WIG_MEETING, streamId,
                        new RecordWigMeeting(wigMeetingId, accountability, made, learningIds, teamLearnings),
                        Expectation.version(expectedVersion), context))
                .call(decision -> commitments.write(tx, ((HeldMeeting) decision.state()).held()))
                .call(decision -> {
                    WigMeetingHeld held = ((HeldMeeting) decision.state()).held();
                    return learnings.reportedIn(tx, held.learningIds(), held.week());
                }));
    }

    public Uni<Decision<WigMeetingState>> get(UUID wigMeetingId) {
        return handler.load(WIG_MEETING, WIG_MEETING.streamId(wigMeetingId)).invoke(decision -> {
            if (decision.state() instanceof NoMeeting) {
                throw CommandRejected.notFound("wig-meeting-not-found", "There is no WIG meeting " + wigMeetingId);
            }
        });
    }

    /** The team whose WIG meeting {@code wigMeetingId} is; 404 when there is none. */
    public Uni<UUID> teamOf(UUID wigMeetingId) {
        return get(wigMeetingId).map(decision -> decision.state() instanceof OpenMeeting open
                ? open.opened().teamId() : ((HeldMeeting) decision.state()).opened().teamId());
    }

    /** The meeting with its agenda's scoreboard, commitments and candidates as they stand now. */
    public Uni<WigMeetingView> view(Decision<WigMeetingState> decision) {
        WigMeetingOpened opened = decision.state() instanceof OpenMeeting open ? open.opened()
                : ((HeldMeeting) decision.state()).opened();
        WigMeetingHeld held = decision.state() instanceof HeldMeeting meeting ? meeting.held() : null;
        List<UUID> made = held == null ? List.of() : held.commitments().stream().map(Commitment::commitmentId).toList();
        return scoreboard.of(pool, opened.teamId(), opened.week()).chain(board -> commitments.byIds(pool, opened.commitmentIds())
                .chain(toAccountFor -> candidates.byIds(pool, opened.candidateIds())
                        .chain(candidateViews -> commitments.byIds(pool, made)
                                .map(madeViews -> new WigMeetingView(opened.wigMeetingId(), opened.teamId(), opened.week(),
                                        held == null ? "open" : "held", board, toAccountFor, candidateViews,
                                        held == null ? null : new WigMeetingApi.MeetingRecord(held.accountability().stream()
                                                .map(a -> new AccountabilityView(a.commitmentId(), a.kept(), a.note()))
                                                .toList(), madeViews, held.learningIds()),
                                        decision.version())))));
    }

    /** {@code week} when the ISO week exists (week 53 only in long years); 400 otherwise. */
    static String existingWeek(String field, String week) {
        if (Periods.start(week, Cadence.WEEK).isEmpty()) {
            throw new HttpProblem(Problem.of(400, "validation-failed", "Invalid request", "There is no ISO week " + week)
                    .withErrors(List.of(new Problem.FieldError(field, "must be an existing ISO week"))));
        }
        return week;
    }

}
