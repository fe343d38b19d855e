package org.learningloop.bench.micro;

import org.learningloop.contracts.goal.Cadence;
import org.learningloop.contracts.goal.LagMeasure;
import org.learningloop.contracts.goal.LagReadingCorrected;
import org.learningloop.contracts.goal.LagReadingRecorded;
import org.learningloop.contracts.goal.WigDefined;
import org.learningloop.contracts.goal.WigEvent;
import org.learningloop.goal.wig.WigCommand.RecordLagReading;
import org.learningloop.goal.wig.WigDecider;
import org.learningloop.goal.wig.WigState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The WIG decider, as every command on a WIG runs it: folding the stream's events into its state (what a command
 * without a remembered state does, ADR 24) and deciding a lag reading on the folded state. A stream of {@code events}
 * events: the WIG's definition, then readings and corrections of its twelve months.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WigDeciderBenchmark {

    private static final WigDecider DECIDER = new WigDecider();

    @Param({"10", "10000"})
    int events;

    private List<WigEvent> stream;
    private WigState folded;
    private RecordLagReading reading;

    @Setup
    public void setUp() {
        UUID wig = UUID.nameUUIDFromBytes("bench-wig".getBytes());
        UUID team = UUID.nameUUIDFromBytes("bench-team".getBytes());
        UUID unit = UUID.nameUUIDFromBytes("bench-unit".getBytes());
        LocalDate start = LocalDate.of(2026, 1, 1);
        LagMeasure lag = new LagMeasure("net-new-members", "members/month", BigDecimal.TEN, BigDecimal.valueOf(30),
                start, start.plusMonths(12).minusDays(1), Cadence.MONTH);
        stream = new ArrayList<>(List.of(new WigDefined(wig, team, unit, null, "Grow from 10 to 30", lag)));
        for (int i = 1; i < events; i++) {
            String period = YearMonth.from(start.plusMonths(i % 12)).toString();
            BigDecimal value = BigDecimal.valueOf(10 + i % 7);
            stream.add(i <= 12 ? new LagReadingRecorded(wig, team, unit, period, value)
                    : new LagReadingCorrected(wig, team, unit, period, value, BigDecimal.valueOf(10 + (i - 12) % 7)));
        }
        folded = DECIDER.fold(stream);
        reading = new RecordLagReading(wig, YearMonth.from(start).toString(), BigDecimal.valueOf(99),
                Instant.parse("2027-01-15T12:00:00Z"), ZoneOffset.UTC);
    }

    @Benchmark
    public WigState fold() {
        return DECIDER.fold(stream);
    }

    @Benchmark
    public List<WigEvent> decideLagReading() {
        return DECIDER.decide(reading, folded);
    }
}
