package org.learningloop.simulator;

import java.util.function.DoubleSupplier;

/** Seeded random draws the scenarios share (the demo, the system tests, reporting's ground-truth tests). */
public final class Draws {

    private Draws() {
    }

    /**
     * A Poisson draw with mean {@code mean} (Knuth): how many uniform numbers from {@code uniform} multiply before
     * their product falls to e^−mean. Fine for the small means of a scenario (a few members per activity).
     */
    public static int poisson(DoubleSupplier uniform, double mean) {
        double limit = Math.exp(-mean);
        double product = uniform.getAsDouble();
        int count = 0;
        while (product > limit) {
            product *= uniform.getAsDouble();
            count++;
        }
        return count;
    }
}
