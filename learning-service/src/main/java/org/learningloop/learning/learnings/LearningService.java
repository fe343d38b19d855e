package org.learningloop.learning.learnings;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.decider.CommandRejected;
import org.learningloop.learning.learnings.LearningApi.CandidateView;
import org.learningloop.learning.learnings.LearningApi.DismissRequest;
import org.learningloop.learning.learnings.LearningApi.LearningSummary;
import org.learningloop.learning.learnings.LearningApi.MergeRequest;
import org.learningloop.learning.learnings.LearningApi.RecordLearningRequest;
import org.learningloop.learning.learnings.LearningCommand.DismissCandidate;
import org.learningloop.learning.learnings.LearningCommand.MergeCandidate;
import org.learningloop.learning.learnings.LearningCommand.RecordLearning;
import org.learningloop.learning.learnings.LearningState.RecordedLearning;
import org.learningloop.platform.command.Aggregate;
import org.learningloop.platform.command.CommandContext;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.command.Decision;
import org.learningloop.platform.command.Expectation;
import org.learningloop.platform.command.StaleVersion;
import org.learningloop.platform.http.HttpProblem;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.http.Problem;
import org.learningloop.platform.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records learnings (confirming a candidate when one is named) and dismisses candidates; the learning
 * list and the candidate rows change in the same transaction as the events.
 */
@ApplicationScoped
public class LearningService {

    static final Aggregate<LearningCommand, LearningEvent, LearningState> LEARNING =
            new Aggregate<>("learning", new LearningDecider(), LearningEvent.class, LearningEvents.CATALOG);
    static final Aggregate<LearningCommand, LearningEvent, LearningState> CANDIDATE =
            new Aggregate<>("learning-candidate", new LearningDecider(), LearningEvent.class, LearningEvents.CATALOG);

    private final CommandHandler handler;
    private final Creation creation;
    private final Candidates candidates;
    private final Learnings learnings;
    private final Pool pool;
    private final Clock clock;
    private final Caller caller;

    public LearningService(CommandHandler handler, Creation creation, Candidates candidates, Learnings learnings,
                           Pool pool, Clock clock, Caller caller) {
        this.handler = handler;
        this.creation = creation;
        this.candidates = candidates;
        this.learnings = learnings;
        this.pool = pool;
        this.clock = clock;
        this.caller = caller;
    }

    public Uni<Creation.Created<LearningState>> record(UUID teamId, RecordLearningRequest request, String idempotencyKey) {
        Instant now = clock.instant();
        Uni<LearningCommand.CandidateFact> candidate = request.fromCandidateId() == null ? Uni.createFrom().nullItem()
                : candidates.fact(pool, request.fromCandidateId());
        return candidate.chain(fact -> creation.create(LEARNING, "POST /teams/" + teamId + "/learnings", idempotencyKey,
                request, id -> new RecordLearning(id, teamId, request.unitId(), request.insight().strip(),
                        Text.stripToNull(request.element()), request.tagsOrEmpty(), request.activityIdsOrEmpty(),
                        request.fromCandidateId(), fact),
                CommandContext.of(now, caller.actor()),
                (tx, decision) -> {
                    var recorded = ((RecordedLearning) decision.state()).recorded();
                    Uni<Void> confirm = recorded.fromCandidateId() == null ? Uni.createFrom().voidItem()
                            : candidates.resolve(tx, recorded.fromCandidateId(), recorded.learningId(), null, now);
                    return confirm.chain(() -> learnings.write(tx, recorded, decision.version(), now));
                }));
    }

    public Uni<Decision<LearningState>> get(UUID learningId) {
        return handler.load(LEARNING, LEARNING.streamId(learningId)).invoke(decision -> {
            if (!(decision.state() instanceof RecordedLearning)) {
                throw CommandRejected.notFound("learning-not-found", "There is no learning " + learningId);
            }
        });
    }

    public Uni<Page<LearningSummary>> list(UUID teamId, String cursor, int limit) {
        return learnings.page(pool, teamId, cursor, limit);
    }

    public Uni<Page<CandidateView>> candidates(UUID teamId, String status, String cursor, int limit) {
        return candidates.page(pool, teamId, status, cursor, limit);
    }

    /** The candidate as it stands (404 when there is none). */
    public Uni<CandidateView> candidate(UUID candidateId) {
        return candidates.view(pool, candidateId).invoke(view -> {
            if (view == null) {
                throw new HttpProblem(Problem.of(404, "candidate-not-found", "Not found", "No learning candidate " + candidateId));
            }
        });
    }

    /**
     * Dismisses an open candidate seen at {@code expectedVersion} (412 when it has been resolved since); the answer
     * is the candidate as it now stands.
     */
    public Uni<CandidateView> dismiss(UUID candidateId, long expectedVersion, DismissRequest request) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        String reason = request.reason().strip();
        return handler.inTransaction(tx -> candidates.fact(tx, candidateId)
                .invoke(fact -> checkVersion(fact, expectedVersion))
                .chain(fact -> handler.handleIn(tx, CANDIDATE, CANDIDATE.streamId(candidateId),
                        new DismissCandidate(candidateId, reason, fact), Expectation.any(), context))
                .chain(decision -> candidates.resolve(tx, candidateId, null, reason, context.now()))
                .chain(() -> candidates.view(tx, candidateId)));
    }

    /**
     * Merges an open candidate seen at {@code expectedVersion} into a learning of its team; the answer is the
     * candidate as it now stands.
     */
    public Uni<CandidateView> merge(UUID candidateId, long expectedVersion, MergeRequest request) {
        CommandContext context = CommandContext.of(clock.instant(), caller.actor());
        return handler.inTransaction(tx -> candidates.fact(tx, candidateId)
                .invoke(fact -> checkVersion(fact, expectedVersion))
                .chain(fact -> (fact == null ? Uni.createFrom().item(Set.<UUID>of())
                        : learnings.ofTeam(tx, fact.teamId(), List.of(request.learningId())))
                        .chain(found -> handler.handleIn(tx, CANDIDATE, CANDIDATE.streamId(candidateId),
                                new MergeCandidate(candidateId, request.learningId(), fact,
                                        found.contains(request.learningId())), Expectation.any(), context)))
                .chain(decision -> candidates.resolve(tx, candidateId, request.learningId(), null, context.now()))
                .chain(() -> candidates.view(tx, candidateId)));
    }

    /** A candidate that exists and changed since the client saw it: 412 with its current version. */
    private static void checkVersion(LearningCommand.CandidateFact fact, long expectedVersion) {
        if (fact != null && CandidateView.versionOf(fact.status()) != expectedVersion) {
            throw new StaleVersion(expectedVersion, CandidateView.versionOf(fact.status()));
        }
    }

}
