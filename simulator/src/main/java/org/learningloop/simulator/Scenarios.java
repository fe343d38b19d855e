package org.learningloop.simulator;

import org.learningloop.simulator.Scenario.DesignSpec;
import org.learningloop.simulator.Scenario.LeadMeasureSpec;
import org.learningloop.simulator.Scenario.SegmentSpec;
import org.learningloop.simulator.Scenario.TeamSpec;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The scenarios the project plays. */
public final class Scenarios {

    public static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

    private Scenarios() {
    }

    /**
     * The living demo, and the ground truth the system tests hold the reports to: a region office with three WIG
     * teams over four complete months (each closed by its APT) and the current one up to {@code now}.
     * <ul>
     *   <li>Design B ("Headset-break pitch") recruits 2.0 members per visit at call centres, design A
     *       ("Break-room talk") 0.6; at small workplaces (6-30 employees) A recruits 1.8 and B 0.5.</li>
     *   <li>Large industry gets only 3 visits per design: too little to tell.</li>
     *   <li>Team Harbour and Team Valley visit workplaces; what they recruit shows in their lag measure.</li>
     *   <li>Each team's lag measure has readings of the three months before its lead measure, at its base value
     *       (the baseline a lead measure's effect is judged against).</li>
     *   <li>Team Phone calls existing members, with high quality and at target, and net new members do not
     *       move: its lead measure is wrong (the APT after the last complete month replaces it).</li>
     * </ul>
     */
    public static Scenario demo(Instant now) {
        return demo("demo", now);
    }

    /** The demo's scenario under another name (its keys and ids apart from the living demo's), played up to {@code now}. */
    public static Scenario demo(String name, Instant now) {
        return new Scenario(name, 20261127L, now, STOCKHOLM, 4, "Region office Nordväst",
                List.of(new TeamSpec("Team Harbour", 0.8,
                                new LeadMeasureSpec("Workplace visits", Scenario.WORKPLACE_VISIT, 4, true), 8),
                        new TeamSpec("Team Valley", 0.75,
                                new LeadMeasureSpec("Workplace visits", Scenario.WORKPLACE_VISIT, 4, true), 6),
                        new TeamSpec("Team Phone", 0.9,
                                new LeadMeasureSpec("Calls to members", "member-call", 4, false), 7)),
                List.of(new DesignSpec("A", "Break-room talk", Scenario.WORKPLACE_VISIT,
                                rates("call-centre", 0.6, "small-6-30", 1.8, "large-industry", 1.0), 0.05),
                        new DesignSpec("B", "Headset-break pitch", Scenario.WORKPLACE_VISIT,
                                rates("call-centre", 2.0, "small-6-30", 0.5, "large-industry", 1.0), 0.05),
                        new DesignSpec("C", "Call script", "member-call", rates("public-sector", 0.05), 0.0)),
                List.of(new SegmentSpec("call-centre", 0.5, 0), new SegmentSpec("small-6-30", 0.5, 0),
                        new SegmentSpec("large-industry", 0, 3), new SegmentSpec("public-sector", 1, 0)),
                4, true, true);
    }

    private static Map<String, Double> rates(Object... segmentThenRate) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int i = 0; i < segmentThenRate.length; i += 2) {
            rates.put((String) segmentThenRate[i], (Double) segmentThenRate[i + 1]);
        }
        return rates;
    }
}
