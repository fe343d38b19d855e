package org.learningloop.reporting.evidence.stats;

import org.hipparchus.stat.correlation.PearsonsCorrelation;

/**
 * Pearson's correlation coefficient; {@code NaN} with fewer than 3 pairs (the library would call two points a
 * perfect correlation) or a constant series.
 */
public final class Correlation {

    private Correlation() {
    }

    public static double pearson(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (x.length < 3) {
            return Double.NaN;
        }
        return new PearsonsCorrelation().correlation(x, y);
    }
}
