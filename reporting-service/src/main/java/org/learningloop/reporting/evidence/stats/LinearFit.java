package org.learningloop.reporting.evidence.stats;

/**
 * Ordinary least squares y = intercept + slope·x with the slope's t-based confidence interval
 * (n − 2 degrees of freedom; needs at least 3 points with x not all equal, else no interval).
 */
public record LinearFit(int n, double slope, double intercept, double slopeStandardError, Interval slopeInterval) {

    public static LinearFit of(double[] x, double[] y, double level) {
        int n = x.length;
        if (n != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        if (n < 2) {
            return new LinearFit(n, Double.NaN, Double.NaN, Double.NaN, null);
        }
        double meanX = mean(x);
        double meanY = mean(y);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - meanX) * (x[i] - meanX);
            sxy += (x[i] - meanX) * (y[i] - meanY);
        }
        if (sxx == 0) {
            return new LinearFit(n, Double.NaN, Double.NaN, Double.NaN, null);
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        if (n < 3) {
            return new LinearFit(n, slope, intercept, Double.NaN, null);
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double residual = y[i] - intercept - slope * x[i];
            rss += residual * residual;
        }
        double se = Math.sqrt(rss / (n - 2) / sxx);
        double t = Distributions.studentTQuantile(1 - (1 - level) / 2, n - 2);
        return new LinearFit(n, slope, intercept, se, new Interval(slope - t * se, slope + t * se, level));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
