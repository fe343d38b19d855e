package org.learningloop.contracts;

import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigDefined;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One fixed, fully populated sample of every published event type. */
final class Samples {

    static final UUID WIG = UUID.fromString("6f1c2a8e-0c1b-4c57-9d0e-2f7a1b3c4d5e");
    static final UUID PARENT = UUID.fromString("0b7e6a52-8d3f-4f0e-9a61-1c2d3e4f5a6b");
    static final UUID TEAM = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID UNIT = UUID.fromString("d4c3b2a1-f6e5-4b7a-9d8c-5c4b3a2f1e0d");

    private Samples() {
    }

    static List<LoopEvent> all() {
        return List.of(
                new WigDefined(WIG, TEAM, UNIT, PARENT, "Grow from 10 to 30 net new members a month",
                        new LagMeasure("net-new-members", "members/month", BigDecimal.TEN, BigDecimal.valueOf(30),
                                LocalDate.parse("2026-09-01"), LocalDate.parse("2027-06-30"), Cadence.MONTH)),
                new LagReadingRecorded(WIG, TEAM, UNIT, "2026-11", BigDecimal.valueOf(14)),
                new LagReadingCorrected(WIG, TEAM, UNIT, "2026-11", BigDecimal.valueOf(15), BigDecimal.valueOf(14)));
    }
}
