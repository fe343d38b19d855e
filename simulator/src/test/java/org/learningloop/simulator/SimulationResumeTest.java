package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.learningloop.simulator.SimulationClockTest.RecordingSteps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A load stopped in the middle of a workplace meeting goes on with that meeting instead of leaving it open. */
class SimulationResumeTest {

    private static final Instant NOW = LocalDate.of(2026, 12, 2).atTime(15, 0).atZone(Scenarios.STOCKHOLM).toInstant();
    private static final String MONTH = "2026-10";
    private static final UUID EARLIER_MEETING = UUID.fromString("00000000-0000-0000-0000-00000000a077");

    @Test
    void givenAnAptAnEarlierRunOpenedWithItsNoteAndFirstAgreement_whenPlayedAgain_thenOnlyTheRestIsAgreed_andItIsClosed()
            throws Exception {
        RecordingSteps uninterrupted = new RecordingSteps(NOW);
        new Simulation(uninterrupted, Scenarios.demo(NOW), line -> { }).run();
        UUID original = uninterrupted.workplaceMeetingOf.get(MONTH);
        List<String> agreements = uninterrupted.log.stream().filter(line -> line.startsWith("agreement " + original))
                .toList();
        assertThat(agreements).as("the month's agreements").hasSizeGreaterThan(1);
        JsonNode first = new ObjectMapper().readTree(agreements.get(0).substring(agreements.get(0).indexOf('{')));

        RecordingSteps resumed = new RecordingSteps(NOW) {
            @Override
            public JsonNode openWorkplaceMeeting(UUID unitId, String month) {
                if (!month.equals(MONTH)) {
                    return super.openWorkplaceMeeting(unitId, month);
                }
                log.add("found open workplace meeting " + month);
                ObjectNode meeting = client().object().put("id", EARLIER_MEETING.toString()).put("status", "open");
                meeting.putArray("coachingNotes").addObject().put("note", "noted before the stop");
                meeting.putArray("agreements").add(first);
                return meeting;
            }

            @Override
            public JsonNode closeWorkplaceMeeting(UUID meetingId) {
                log.add("closed " + meetingId);
                return client().object();
            }
        };
        Simulation.Result result = new Simulation(resumed, Scenarios.demo(NOW), line -> { }).run();

        assertThat(resumed.log).doesNotContain("coaching note " + EARLIER_MEETING);
        assertThat(resumed.log.stream().filter(line -> line.startsWith("agreement " + EARLIER_MEETING)))
                .hasSize(agreements.size() - 1)
                .noneMatch(line -> line.endsWith(first.toString()));
        assertThat(resumed.log).contains("closed " + EARLIER_MEETING);
        assertThat(result.monthsClosed()).contains(MONTH);
    }
}
