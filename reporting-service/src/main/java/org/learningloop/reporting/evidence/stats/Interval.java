package org.learningloop.reporting.evidence.stats;

/** A central interval: {@code level} of the probability (credible) or coverage (confidence) between low and high. */
public record Interval(double low, double high, double level) {

    public boolean contains(double value) {
        return low <= value && value <= high;
    }
}
