package org.learningloop.reporting.evidence.stats;

import org.hipparchus.stat.regression.SimpleRegression;

/**
 * Ordinary least squares y = intercept + slope·x with the slope's t-based confidence interval
 * (n − 2 degrees of freedom; needs at least 3 points with x not all equal, else no interval). Below 2 points or
 * with x all equal there is no line: slope, intercept and standard error are {@code NaN}.
 */
public record LinearFit(int n, double slope, double intercept, double slopeStandardError, Interval slopeInterval) {

    public static LinearFit of(double[] x, double[] y, double level) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        SimpleRegression regression = new SimpleRegression();
        for (int i = 0; i < n; i++) {
            regression.addData(x[i], y[i]);
        }
        double slope = regression.getSlope();
        if (Double.isNaN(slope)) {
            return new LinearFit(n, Double.NaN, Double.NaN, Double.NaN, null);
        }
        if (n < 3) {
            return new LinearFit(n, slope, regression.getIntercept(), Double.NaN, null);
        }
        double half = regression.getSlopeConfidenceInterval(1 - level);
        return new LinearFit(n, slope, regression.getIntercept(), regression.getSlopeStdErr(),
                new Interval(slope - half, slope + half, level));
    }
}
