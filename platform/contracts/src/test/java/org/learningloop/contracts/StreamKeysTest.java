package org.learningloop.contracts;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.learning.AgreementMade;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One stream, one key: the subject (the Kafka key) is derived the same way for every event type of a stream, so a
 * stream stays in one partition. Before, a workplace meeting's events were keyed by its unit or by the team an
 * event was about: 23 of 300 such streams spanned partitions.
 */
class StreamKeysTest {

    /** The event types a workplace meeting's stream holds (WorkplaceMeetingDecider). */
    private static final List<Class<? extends LoopEvent>> WORKPLACE_MEETING_STREAM = List.of(WorkplaceMeetingOpened.class,
            CoachingNoteAdded.class, AgreementRecorded.class, WorkplaceMeetingClosed.class, AgreementMade.class,
            LoopIterationClosed.class, LoopIterationOpened.class);

    @Test
    void everyEventOfAWorkplaceMeetingsStreamIsKeyedByItsUnit_evenWhenItIsAboutOneTeam() {
        List<LoopEvent> samples = Samples.all().stream()
                .filter(sample -> WORKPLACE_MEETING_STREAM.contains(sample.getClass())).toList();
        assertThat(samples).extracting(Object::getClass).containsExactlyInAnyOrderElementsOf(WORKPLACE_MEETING_STREAM);
        assertThat(samples).filteredOn(sample -> sample.teamId() != null).isNotEmpty();
        assertThat(samples).allSatisfy(sample -> assertThat(sample.subject()).as(sample.getClass().getSimpleName())
                .isEqualTo(sample.unitId().toString()));
    }

    @Test
    void everyOtherEventIsKeyedByItsTeam_elseItsUnit_elseTheOrganisation() {
        assertThat(Samples.all()).filteredOn(sample -> !WORKPLACE_MEETING_STREAM.contains(sample.getClass()))
                .allSatisfy(sample -> assertThat(sample.subject()).as(sample.getClass().getSimpleName()).isEqualTo(
                        sample.teamId() != null ? sample.teamId().toString()
                                : sample.unitId() != null ? sample.unitId().toString() : LoopEvent.ORGANISATION));
    }
}
