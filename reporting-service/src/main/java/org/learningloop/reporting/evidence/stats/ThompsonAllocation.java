package org.learningloop.reporting.evidence.stats;

/**
 * Thompson sampling as a plan for a period: each arm's share of next period's activities is its probability of
 * being best, raised to at least {@code minShare} (exploration, so a design that looks worse keeps being
 * measured) and the rest scaled down so the shares sum to 1.
 */
public final class ThompsonAllocation {

    private ThompsonAllocation() {
    }

    public static double[] shares(double[] probabilityOfBest, double minShare) {
        int k = probabilityOfBest.length;
        if (k == 0) {
            return new double[0];
        }
        if (k == 1) {
            return new double[]{1};
        }
        double floor = Math.min(minShare, 1.0 / k);
        double[] shares = new double[k];
        boolean[] fixed = new boolean[k];
        // repeatedly fix arms below the floor at the floor and rescale the others over what is left
        while (true) {
            double fixedTotal = 0;
            double freeMass = 0;
            for (int i = 0; i < k; i++) {
                if (fixed[i]) {
                    fixedTotal += floor;
                } else {
                    freeMass += probabilityOfBest[i];
                }
            }
            int free = 0;
            for (boolean f : fixed) {
                free += f ? 0 : 1;
            }
            boolean changed = false;
            for (int i = 0; i < k; i++) {
                if (fixed[i]) {
                    shares[i] = floor;
                } else {
                    shares[i] = freeMass > 0 ? (1 - fixedTotal) * probabilityOfBest[i] / freeMass : (1 - fixedTotal) / free;
                    if (shares[i] < floor - 1e-12) {
                        fixed[i] = true;
                        changed = true;
                    }
                }
            }
            if (!changed) {
                return shares;
            }
        }
    }
}
