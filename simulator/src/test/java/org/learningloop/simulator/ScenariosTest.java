package org.learningloop.simulator;

import org.junit.jupiter.api.Test;
import org.learningloop.simulator.Scenario.DesignSpec;
import org.learningloop.simulator.Scenario.SegmentSpec;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's ground truth is what its documentation (and the system tests) say it is. */
class ScenariosTest {

    private final Scenario demo = Scenarios.demo(LocalDate.of(2026, 11, 27).atTime(12, 0).atZone(Scenarios.STOCKHOLM).toInstant());

    @Test
    void designB_winsAtCallCentres_designA_atSmallWorkplaces() {
        DesignSpec a = design("A");
        DesignSpec b = design("B");
        assertThat(b.recruitedPerActivity().get("call-centre")).isGreaterThan(2 * a.recruitedPerActivity().get("call-centre"));
        assertThat(a.recruitedPerActivity().get("small-6-30")).isGreaterThan(2 * b.recruitedPerActivity().get("small-6-30"));
    }

    @Test
    void largeIndustry_getsTooFewActivitiesToTell() {
        SegmentSpec large = demo.segments().stream().filter(s -> s.key().equals("large-industry")).findFirst().orElseThrow();
        assertThat(large.fixedPerDesign()).isBetween(1, 5);
    }

    @Test
    void everyTeamsLeadMeasure_hasADesignOfItsActivityType_andOneLeadMeasureIsWrongThoughExecutedWell() {
        for (Scenario.TeamSpec team : demo.teams()) {
            assertThat(demo.designs()).anyMatch(d -> d.activityType().equals(team.leadMeasure().activityType()));
        }
        assertThat(demo.teams()).anyMatch(team -> !team.leadMeasure().effective() && team.execution() >= 0.85);
    }

    private DesignSpec design(String label) {
        return demo.designs().stream().filter(d -> d.label().equals(label)).findFirst().orElseThrow();
    }
}
