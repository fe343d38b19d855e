package org.learningloop.learning.learnings;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.learning.CandidateDismissed;
import org.learningloop.contracts.learning.CandidateMerged;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LearningRecorded;
import org.learningloop.decider.CommandRejected.Reason;
import org.learningloop.learning.learnings.LearningCommand.CandidateFact;
import org.learningloop.learning.learnings.LearningCommand.DismissCandidate;
import org.learningloop.learning.learnings.LearningCommand.MergeCandidate;
import org.learningloop.learning.learnings.LearningCommand.RecordLearning;
import org.learningloop.testing.DeciderSpecification;

import java.util.List;
import java.util.UUID;

class LearningDeciderTest {

    static final UUID LEARNING = UUID.randomUUID();
    static final UUID TEAM = UUID.randomUUID();
    static final UUID UNIT = UUID.randomUUID();
    static final UUID ACTIVITY = UUID.randomUUID();
    static final UUID OTHER_ACTIVITY = UUID.randomUUID();
    static final UUID CANDIDATE = UUID.randomUUID();

    private final DeciderSpecification<LearningCommand, LearningEvent, LearningState> spec =
            DeciderSpecification.of(new LearningDecider());

    static CandidateFact candidate(String status) {
        return new CandidateFact(CANDIDATE, TEAM, UNIT, ACTIVITY, "frames", "Book a quieter room", status);
    }

    static RecordLearning record(String element, List<String> tags, UUID fromCandidate, CandidateFact fact) {
        return new RecordLearning(LEARNING, TEAM, null, "Quiet rooms help", element, tags, List.of(OTHER_ACTIVITY),
                fromCandidate, fact);
    }

    @Test
    void givenNothing_whenRecorded_thenLearningRecorded() {
        spec.given().when(record("content", List.of("after", "focus"), null, null))
                .then(new LearningRecorded(LEARNING, TEAM, null, "Quiet rooms help", "content", List.of("after", "focus"),
                        List.of(OTHER_ACTIVITY), null));
    }

    @Test
    void givenOpenCandidate_whenRecordedFromIt_thenItsElementUnitAndActivityComeAlong() {
        spec.given().when(record(null, List.of("during"), CANDIDATE, candidate("open")))
                .then(new LearningRecorded(LEARNING, TEAM, UNIT, "Quiet rooms help", "frames", List.of("during"),
                        List.of(OTHER_ACTIVITY, ACTIVITY), CANDIDATE));
    }

    @Test
    void givenRecordedLearning_whenRecordedAgain_thenRejected() {
        spec.given(new LearningRecorded(LEARNING, TEAM, null, "x", null, List.of(), List.of(), null))
                .when(record(null, List.of(), null, null)).thenRejected(Reason.RULE_VIOLATED, "learning-exists");
    }

    @Test
    void whenTagOutsideTheVocabulary_thenUnprocessable() {
        spec.given().when(record(null, List.of("during", "mood"), null, null))
                .thenRejected(Reason.UNPROCESSABLE, "unknown-tag");
    }

    @Test
    void whenElementUnknown_thenUnprocessable() {
        spec.given().when(record("tone", List.of(), null, null)).thenRejected(Reason.UNPROCESSABLE, "unknown-element");
    }

    @Test
    void whenFromUnknownCandidateOrAnotherTeams_thenUnprocessable() {
        spec.given().when(record(null, List.of(), CANDIDATE, null)).thenRejected(Reason.UNPROCESSABLE, "candidate-not-found");
        CandidateFact others = new CandidateFact(CANDIDATE, UUID.randomUUID(), UNIT, ACTIVITY, "frames", "p", "open");
        spec.given().when(record(null, List.of(), CANDIDATE, others)).thenRejected(Reason.UNPROCESSABLE, "candidate-not-found");
    }

    @Test
    void whenFromConfirmedOrDismissedCandidate_thenConflict() {
        spec.given().when(record(null, List.of(), CANDIDATE, candidate("confirmed")))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
        spec.given().when(record(null, List.of(), CANDIDATE, candidate("dismissed")))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
    }

    @Test
    void givenOpenCandidate_whenDismissed_thenCandidateDismissed() {
        spec.given().when(new DismissCandidate(CANDIDATE, "Cannot change rooms", candidate("open")))
                .then(new CandidateDismissed(CANDIDATE, TEAM, UNIT, ACTIVITY, "Cannot change rooms"));
    }

    @Test
    void whenUnknownCandidateDismissed_thenNotFound() {
        spec.given().when(new DismissCandidate(CANDIDATE, "r", null)).thenRejected(Reason.NOT_FOUND, "candidate-not-found");
    }

    @Test
    void givenDismissedOrConfirmedCandidate_whenDismissed_thenConflict() {
        spec.given(new CandidateDismissed(CANDIDATE, TEAM, UNIT, ACTIVITY, "r"))
                .when(new DismissCandidate(CANDIDATE, "again", candidate("open")))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
        spec.given().when(new DismissCandidate(CANDIDATE, "r", candidate("confirmed")))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
    }

    @Test
    void givenOpenCandidate_whenMergedIntoTheTeamsLearning_thenCandidateMerged() {
        spec.given().when(new MergeCandidate(CANDIDATE, LEARNING, candidate("open"), true))
                .then(new CandidateMerged(CANDIDATE, TEAM, UNIT, ACTIVITY, LEARNING));
    }

    @Test
    void whenMergeRefused_thenNotFoundConflictOrUnprocessable() {
        spec.given().when(new MergeCandidate(CANDIDATE, LEARNING, null, true))
                .thenRejected(Reason.NOT_FOUND, "candidate-not-found");
        spec.given().when(new MergeCandidate(CANDIDATE, LEARNING, candidate("dismissed"), true))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
        spec.given(new CandidateMerged(CANDIDATE, TEAM, UNIT, ACTIVITY, LEARNING))
                .when(new MergeCandidate(CANDIDATE, LEARNING, candidate("open"), true))
                .thenRejected(Reason.RULE_VIOLATED, "candidate-not-open");
        spec.given().when(new MergeCandidate(CANDIDATE, LEARNING, candidate("open"), false))
                .thenRejected(Reason.UNPROCESSABLE, "learning-not-found");
    }
}
