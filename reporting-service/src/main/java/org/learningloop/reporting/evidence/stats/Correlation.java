package org.learningloop.reporting.evidence.stats;

/** Pearson's correlation coefficient; {@code NaN} with fewer than 3 pairs or a constant series. */
public final class Correlation {

    private Correlation() {
    }

    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (n < 3) {
            return Double.NaN;
        }
        double meanX = LinearFit.mean(x);
        double meanY = LinearFit.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
