package org.learningloop.reporting.evidence;

import org.junit.jupiter.api.Test;
import org.learningloop.reporting.evidence.OperatingCharacteristics.DesignFamily;
import org.learningloop.reporting.evidence.OperatingCharacteristics.DesignResult;
import org.learningloop.reporting.evidence.OperatingCharacteristics.Execution;
import org.learningloop.reporting.evidence.OperatingCharacteristics.LeadFamily;
import org.learningloop.reporting.evidence.OperatingCharacteristics.LeadResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The error rates the evidence rules promise (ADR 10), on a few hundred seeded runs of the study's scenarios
 * ({@link OperatingCharacteristicsStudy} measures them all with more runs). Seeded, so each run of this test sees
 * the same draws; the bounds leave room for the sampling error of 300 runs around the study's figures.
 */
class OperatingCharacteristicsTest {

    private static final int RUNS = 300;
    private static final Thresholds DEFAULTS = Thresholds.defaults();

    @Test
    void equalDesigns_areRarelyEverNamedBest_overAYearOfMonthlyLooks() {
        DesignResult equal = OperatingCharacteristics.designs(new DesignFamily("equal", 1.0, 1.0, 20, 0), RUNS, 12,
                101, DEFAULTS);
        assertThat(equal.everNamed()).isLessThanOrEqualTo(0.06);
    }

    @Test
    void aDesignTwiceAsGood_isNamedWithinThreeMonths_inMostRuns_andTheWorseOneNever() {
        DesignResult twice = OperatingCharacteristics.designs(new DesignFamily("twice", 1.0, 2.0, 20, 0), RUNS, 12,
                102, DEFAULTS);
        assertThat(twice.trueBestBy(3)).isGreaterThan(0.5);
        assertThat(twice.wrongEver()).isZero();
    }

    @Test
    void anIneffectiveWellExecutedLeadMeasure_isReplaced_andAnEffectiveOneAlmostNever() {
        LeadResult ineffective = OperatingCharacteristics.leadMeasure(new LeadFamily("ineffective", 0, 1,
                Execution.THROUGHOUT, 10, 10, false), RUNS, 5, 103, DEFAULTS);
        assertThat(ineffective.share(LeadMeasureVerdict.REPLACE)).isGreaterThanOrEqualTo(0.95);

        LeadResult noisyButEffective = OperatingCharacteristics.leadMeasure(new LeadFamily("effective, noisy", 10, 4,
                Execution.THROUGHOUT, 10, 10, false), RUNS, 5, 104, DEFAULTS);
        assertThat(noisyButEffective.share(LeadMeasureVerdict.REPLACE)).isLessThanOrEqualTo(0.05);
    }

    /** A lead measure carried out at target only in the last month is never judged on the months before. */
    @Test
    void anEffectiveLeadMeasureCarriedOutOnlyLately_isNotReplaced() {
        LeadResult late = OperatingCharacteristics.leadMeasure(new LeadFamily("late", 10, 2,
                Execution.LAST_MONTH_ONLY, 10, 10, false), RUNS, 5, 105, DEFAULTS);
        assertThat(late.share(LeadMeasureVerdict.REPLACE)).isZero();
    }
}
