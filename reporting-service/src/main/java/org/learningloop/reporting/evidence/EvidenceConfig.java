package org.learningloop.reporting.evidence;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The evidence reports' priors and thresholds ({@code reporting.evidence.*}); every answer echoes the values used. */
@ConfigMapping(prefix = "reporting.evidence")
public interface EvidenceConfig {

    /** Probability held by credible intervals (and coverage of the slope's confidence interval). */
    @WithDefault("0.9")
    double intervalLevel();

    /** Shape α0 of the Gamma prior of outcomes per activity. */
    @WithDefault("0.5")
    double priorShape();

    /** Rate β0 of the Gamma prior (worth β0 activities of data). */
    @WithDefault("0.5")
    double priorRate();

    /** Joint posterior draws for P(best) among three or more designs (two are computed exactly). */
    @WithDefault("20000")
    int draws();

    /** Seed of the draws: the same data always gives the same answer. */
    @WithDefault("20261127")
    long seed();

    /**
     * P(best) a design needs to be named best in its segment. Set for repeated looks, not one: 0.997 keeps the
     * chance that equal designs are ever named best over 12 monthly looks at or below 5 % (ADR 10, measured by
     * the operating-characteristics study), where 0.9 named one in about a third of segments within five looks.
     */
    @WithDefault("0.997")
    double bestThreshold();

    /** Activities every compared design needs in the segment before one is named best. */
    @WithDefault("10")
    int minActivitiesPerDesign();

    /** Smallest share of next month's activities the recommendation gives any design (exploration). */
    @WithDefault("0.1")
    double minExplorationShare();

    /**
     * What one activity's outcome is counted against: {@code visit} (every activity one unit: outcomes per
     * activity) or {@code employees} (an activity's workplace size relative to the mean size of its segment's
     * activities, so rates are per activity at an average workplace of the segment and a design used at larger
     * workplaces does not look better for it). {@code employees} suits outcomes that scale with the people
     * reached; an activity whose size is not known counts as average.
     */
    @WithDefault("visit")
    Exposure exposure();

    enum Exposure {
        VISIT, EMPLOYEES;

        /** As configured and answered: {@code visit}, {@code employees}. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    Verdict verdict();

    /** Thresholds of the lead-measure verdict. */
    interface Verdict {
        /** Most recent ISO weeks judged for lead actual vs target. */
        @WithDefault("4")
        int recentWeeks();

        /** Share of those weeks that must reach the weekly target. */
        @WithDefault("0.75")
        double minShareOfWeeksOnTarget();

        /** Monthly loop periods (with activities) over which execution must be high and stable. */
        @WithDefault("4")
        int minPeriods();

        /** Carried-out activities needed before execution quality is judged. */
        @WithDefault("12")
        int minActivities();

        /** Mean quality (1–5, mean of the six dimensions) every recent period must reach. */
        @WithDefault("3.5")
        double minQuality();

        /** Intention-reached rate (partly = half) every recent period must reach. */
        @WithDefault("0.6")
        double minIntentionReached();

        /** Largest fall of mean quality per period still counted as stable. */
        @WithDefault("0.25")
        double maxQualityDeclinePerPeriod();

        /** Lag readings of complete periods with the lead measure at target needed to judge its effect. */
        @WithDefault("3")
        int minLagReadings();

        /** Lag readings of periods before the lead measure's activation needed as the baseline. */
        @WithDefault("2")
        int minBaselineReadings();

        /**
         * Share of the WIG's distance ({@code |to − from|}) a lead measure must be able to move the lag: a lift
         * whose interval lies wholly below it says {@code replace}.
         */
        @WithDefault("0.25")
        double minimalEffectShare();
    }
}
