package org.learningloop.reporting.evidence;

/** The priors and thresholds a report used, as answered (a plain copy of {@link EvidenceConfig}). */
public record Thresholds(double intervalLevel, double priorShape, double priorRate, EvidenceConfig.Exposure exposure,
                         int draws, long seed,
                         double bestThreshold, int minActivitiesPerDesign, double minExplorationShare,
                         int recentWeeks, double minShareOfWeeksOnTarget, int minPeriods, int minActivities,
                         double minQuality, double minIntentionReached, double maxQualityDeclinePerPeriod,
                         int minLagReadings, int minBaselineReadings, double minimalEffectShare) {

    public static Thresholds of(EvidenceConfig config) {
        EvidenceConfig.Verdict v = config.verdict();
        return new Thresholds(config.intervalLevel(), config.priorShape(), config.priorRate(), config.exposure(),
                config.draws(),
                config.seed(), config.bestThreshold(), config.minActivitiesPerDesign(), config.minExplorationShare(),
                v.recentWeeks(), v.minShareOfWeeksOnTarget(), v.minPeriods(), v.minActivities(), v.minQuality(),
                v.minIntentionReached(), v.maxQualityDeclinePerPeriod(), v.minLagReadings(),
                v.minBaselineReadings(), v.minimalEffectShare());
    }

    /** These thresholds with another exposure. */
    public Thresholds withExposure(EvidenceConfig.Exposure other) {
        return new Thresholds(intervalLevel, priorShape, priorRate, other, draws, seed, bestThreshold,
                minActivitiesPerDesign, minExplorationShare, recentWeeks, minShareOfWeeksOnTarget, minPeriods,
                minActivities, minQuality, minIntentionReached, maxQualityDeclinePerPeriod, minLagReadings,
                minBaselineReadings, minimalEffectShare);
    }

    /** These thresholds with another {@code bestThreshold}. */
    public Thresholds withBestThreshold(double other) {
        return new Thresholds(intervalLevel, priorShape, priorRate, exposure, draws, seed, other,
                minActivitiesPerDesign, minExplorationShare, recentWeeks, minShareOfWeeksOnTarget, minPeriods,
                minActivities, minQuality, minIntentionReached, maxQualityDeclinePerPeriod, minLagReadings,
                minBaselineReadings, minimalEffectShare);
    }

    /** The defaults of {@link EvidenceConfig}, for tests. */
    public static Thresholds defaults() {
        return new Thresholds(0.9, 0.5, 0.5, EvidenceConfig.Exposure.VISIT, 20_000, 20261127L, 0.997, 10, 0.1, 4, 0.75, 4, 12, 3.5, 0.6, 0.25, 3, 2, 0.25);
    }
}
