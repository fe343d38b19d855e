package org.learningloop.bench;

import java.util.Locale;

/**
 * One line of the table: the system's figure, its raw reference measured in the same run, their ratio and the target
 * the ratio must meet. A row that could not be measured carries the reason in {@code note} and no verdict.
 */
record Row(String id, String figure, double value, String unit, String reference, double referenceValue,
           Target target, String note) {

    /** A ratio bound: {@code ≥ bound} or {@code ≤ bound}. */
    record Target(boolean atLeast, double bound) {

        static Target atLeast(double bound) {
            return new Target(true, bound);
        }

        static Target atMost(double bound) {
            return new Target(false, bound);
        }

        boolean holds(double ratio) {
            return atLeast ? ratio >= bound : ratio <= bound;
        }

        @Override
        public String toString() {
            return (atLeast ? "≥ " : "≤ ") + format(bound);
        }
    }

    static Row unmeasured(String id, String figure, String reference, Target target, String why) {
        return new Row(id, figure, Double.NaN, "", reference, Double.NaN, target, why);
    }

    boolean measured() {
        return !Double.isNaN(value) && !Double.isNaN(referenceValue) && referenceValue != 0;
    }

    double ratio() {
        return measured() ? value / referenceValue : Double.NaN;
    }

    String verdict() {
        return measured() ? (target.holds(ratio()) ? "pass" : "short") : "not measured";
    }

    /** The row as a Markdown table line. */
    String markdown() {
        return String.join(" | ", "| " + id, figure, measured() ? format(value) + " " + unit : "–", reference,
                measured() ? format(referenceValue) + " " + unit : "–", measured() ? format(ratio()) : "–",
                target.toString(), verdict(), (note == null ? "" : note) + " |");
    }

    static String header() {
        return "| # | figure | value | raw reference | value | ratio | target | verdict | note |\n"
                + "|---|---|---|---|---|---|---|---|---|";
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
