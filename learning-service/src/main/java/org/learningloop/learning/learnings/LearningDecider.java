package org.learningloop.learning.learnings;

import org.learningloop.contracts.learning.CandidateDismissed;
import org.learningloop.contracts.learning.CandidateMerged;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;
import org.learningloop.learning.learnings.LearningCommand.CandidateFact;
import org.learningloop.learning.learnings.LearningCommand.DismissCandidate;
import org.learningloop.learning.learnings.LearningCommand.MergeCandidate;
import org.learningloop.learning.learnings.LearningCommand.RecordLearning;
import org.learningloop.learning.learnings.LearningState.DismissedCandidate;
import org.learningloop.learning.learnings.LearningState.MergedCandidate;
import org.learningloop.learning.learnings.LearningState.NoLearning;
import org.learningloop.learning.learnings.LearningState.RecordedLearning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Learnings and learning candidates: a learning is recorded once, with tags from the controlled
 * vocabulary; confirming or dismissing a candidate needs it to be open and the team's.
 */
public final class LearningDecider implements Decider<LearningCommand, LearningEvent, LearningState> {

    /** The design elements a learning or proposal may concern. */
    public static final Set<String> ELEMENTS = Set.of("intention", "frames", "content");

    /** The controlled vocabulary of tags: phase, design element, and the qualities of carrying out. */
    public static final Set<String> TAGS = Set.of("before", "during", "after", "intention", "frames", "content",
            "presence", "focus", "flexibility");

    @Override
    public LearningState initialState() {
        return new NoLearning();
    }

    @Override
    public List<LearningEvent> decide(LearningCommand command, LearningState state) {
        if (command instanceof RecordLearning record) {
            return List.of(record(record, state));
        }
        if (command instanceof DismissCandidate dismiss) {
            return List.of(dismiss(dismiss, state));
        }
        if (command instanceof MergeCandidate merge) {
            return List.of(merge(merge, state));
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static LearningRecorded record(RecordLearning command, LearningState state) {
        if (!(state instanceof NoLearning)) {
            throw CommandRejected.ruleViolated("learning-exists", "Learning " + command.learningId() + " exists already");
        }
        if (command.element() != null && !ELEMENTS.contains(command.element())) {
            throw CommandRejected.unprocessable("unknown-element", "A learning concerns intention, frames or content",
                    new FieldError("element", "must be one of intention, frames, content"));
        }
        for (String tag : command.tags()) {
            if (!TAGS.contains(tag)) {
                throw CommandRejected.unprocessable("unknown-tag", "Tag " + tag + " is not in the vocabulary",
                        new FieldError("tags", "must be among " + String.join(", ", List.of("before", "during", "after",
                                "intention", "frames", "content", "presence", "focus", "flexibility"))));
            }
        }
        String element = command.element();
        List<UUID> activityIds = new ArrayList<>(command.activityIds());
        UUID unitId = command.unitId();
        if (command.fromCandidateId() != null) {
            CandidateFact candidate = openCandidate(command.fromCandidateId(), command.teamId(), command.candidate());
            if (element == null) {
                element = candidate.element();
            }
            if (!activityIds.contains(candidate.activityId())) {
                activityIds.add(candidate.activityId());
            }
            if (unitId == null) {
                unitId = candidate.unitId();
            }
        }
        return new LearningRecorded(command.learningId(), command.teamId(), unitId, command.insight(), element,
                List.copyOf(command.tags()), List.copyOf(activityIds), command.fromCandidateId());
    }

    private static CandidateDismissed dismiss(DismissCandidate command, LearningState state) {
        CandidateFact candidate = command.candidate();
        if (candidate == null) {
            throw CommandRejected.notFound("candidate-not-found", "There is no learning candidate " + command.candidateId());
        }
        if (!(state instanceof NoLearning) || !"open".equals(candidate.status())) {
            throw CommandRejected.ruleViolated("candidate-not-open",
                    "Learning candidate " + command.candidateId() + " is " + candidate.status() + ", not open");
        }
        return new CandidateDismissed(candidate.candidateId(), candidate.teamId(), candidate.unitId(),
                candidate.activityId(), command.reason());
    }

    private static CandidateMerged merge(MergeCandidate command, LearningState state) {
        CandidateFact candidate = command.candidate();
        if (candidate == null) {
            throw CommandRejected.notFound("candidate-not-found", "There is no learning candidate " + command.candidateId());
        }
        if (!(state instanceof NoLearning) || !"open".equals(candidate.status())) {
            throw CommandRejected.ruleViolated("candidate-not-open",
                    "Learning candidate " + command.candidateId() + " is " + candidate.status() + ", not open");
        }
        if (!command.learningOfTeam()) {
            throw CommandRejected.unprocessable("learning-not-found", "The team has no learning " + command.learningId(),
                    new FieldError("learningId", "must name a learning of the candidate's team"));
        }
        return new CandidateMerged(candidate.candidateId(), candidate.teamId(), candidate.unitId(), candidate.activityId(),
                command.learningId());
    }

    private static CandidateFact openCandidate(UUID candidateId, UUID teamId, CandidateFact candidate) {
        if (candidate == null || !candidate.teamId().equals(teamId)) {
            throw CommandRejected.unprocessable("candidate-not-found", "The team has no learning candidate " + candidateId,
                    new FieldError("fromCandidateId", "must name an open learning candidate of the team"));
        }
        if (!"open".equals(candidate.status())) {
            throw CommandRejected.ruleViolated("candidate-not-open",
                    "Learning candidate " + candidateId + " is " + candidate.status() + ", not open");
        }
        return candidate;
    }

    @Override
    public LearningState evolve(LearningState state, LearningEvent event) {
        if (event instanceof LearningRecorded recorded) {
            return new RecordedLearning(recorded);
        }
        if (event instanceof CandidateDismissed dismissed) {
            return new DismissedCandidate(dismissed.reason());
        }
        if (event instanceof CandidateMerged merged) {
            return new MergedCandidate(merged.learningId());
        }
        return state;
    }
}
