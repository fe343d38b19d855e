package org.learningloop.reporting.evidence.stats;

/**
 * The special functions and quantiles the evidence reports need: log-gamma, the regularized incomplete gamma
 * and beta functions, and quantiles of the Gamma, Beta, Student t and standard normal distributions (found by
 * bisection on the distribution function, to about 1e-10). Plain Java, deterministic.
 */
public final class Distributions {

    private static final double EPS = 1e-15;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    private Distributions() {
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7; relative error about 1e-15). */
    public static double lnGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a). */
    public static double regularizedGammaP(double a, double x) {
        if (a <= 0) {
            throw new IllegalArgumentException("a must be positive");
        }
        if (x <= 0) {
            return 0;
        }
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < MAX_ITERATIONS; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
        }
        return 1 - regularizedGammaQContinuedFraction(a, x);
    }

    private static double regularizedGammaQContinuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
    }

    /** The regularized incomplete beta function I_x(a, b). */
    public static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - front * betaContinuedFraction(1 - x, b, a) / b;
    }

    private static double betaContinuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        if (Math.abs(d) < tiny) {
            d = tiny;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return h;
    }

    /** The p-quantile of Gamma(shape, rate) (mean shape / rate). */
    public static double gammaQuantile(double shape, double rate, double p) {
        checkProbability(p);
        double hi = Math.max(1, shape) * 2;
        while (regularizedGammaP(shape, hi) < p) {
            hi *= 2;
        }
        return bisect(x -> regularizedGammaP(shape, x), p, 0, hi) / rate;
    }

    /** The p-quantile of Beta(a, b). */
    public static double betaQuantile(double a, double b, double p) {
        checkProbability(p);
        return bisect(x -> regularizedBeta(x, a, b), p, 0, 1);
    }

    /** The distribution function of Student's t with {@code df} degrees of freedom. */
    public static double studentTCdf(double t, double df) {
        double tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /** The p-quantile of Student's t with {@code df} degrees of freedom. */
    public static double studentTQuantile(double p, double df) {
        checkProbability(p);
        double hi = 1;
        while (studentTCdf(hi, df) < p) {
            hi *= 2;
        }
        double lo = -1;
        while (studentTCdf(lo, df) > p) {
            lo *= 2;
        }
        return bisect(t -> studentTCdf(t, df), p, lo, hi);
    }

    /** The standard normal distribution function (through the incomplete gamma function). */
    public static double normalCdf(double z) {
        double half = 0.5 * regularizedGammaP(0.5, z * z / 2);
        return z >= 0 ? 0.5 + half : 0.5 - half;
    }

    /** The p-quantile of the standard normal distribution. */
    public static double normalQuantile(double p) {
        checkProbability(p);
        return bisect(Distributions::normalCdf, p, -40, 40);
    }

    private static double bisect(java.util.function.DoubleUnaryOperator cdf, double p, double lo, double hi) {
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
            double mid = (lo + hi) / 2;
            if (cdf.applyAsDouble(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static void checkProbability(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1)");
        }
    }
}
