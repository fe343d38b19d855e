package org.learningloop.reporting.evidence;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.learningloop.reporting.evidence.OperatingCharacteristics.DesignFamily;
import org.learningloop.reporting.evidence.OperatingCharacteristics.DesignResult;
import org.learningloop.reporting.evidence.OperatingCharacteristics.Execution;
import org.learningloop.reporting.evidence.OperatingCharacteristics.LeadFamily;
import org.learningloop.reporting.evidence.OperatingCharacteristics.LeadResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The operating characteristics of the evidence rules, measured: prints the table that reporting-service's
 * README and ADR 10 carry, and writes it to {@code target/operating-characteristics.md}. A harness, not a test of
 * behaviour (not in {@code mvn verify}'s default run; a few minutes):
 * <pre>
 * mvn -pl reporting-service -am test -Dtest=OperatingCharacteristicsStudy -Dgroups=study -DexcludedGroups=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * {@code -Dstudy.runs=N} changes the runs per scenario (default 1000), {@code -Dstudy.bestThreshold=p} tries
 * another {@code bestThreshold} and {@code -Dstudy.equalDesignsOnly=true} measures only the false-best rows (to
 * calibrate it). Seeded: the same commit prints the same table.
 */
@Tag("study")
class OperatingCharacteristicsStudy {

    static final List<DesignFamily> DESIGNS = List.of(
            new DesignFamily("equal designs", 1.0, 1.0, 20, 0),
            new DesignFamily("equal designs, few members", 0.5, 1.0, 20, 0),
            new DesignFamily("equal designs, many members", 2.0, 1.0, 40, 0),
            new DesignFamily("equal designs, few visits", 1.0, 1.0, 10, 0),
            new DesignFamily("equal designs, heterogeneous workplaces", 1.0, 1.0, 20, 2),
            new DesignFamily("B twice as good", 1.0, 2.0, 20, 0),
            new DesignFamily("B twice as good, few members", 0.5, 2.0, 20, 0),
            new DesignFamily("B twice as good, heterogeneous workplaces", 1.0, 2.0, 20, 2),
            new DesignFamily("B 1.5 times as good", 1.0, 1.5, 20, 0),
            new DesignFamily("B 3.3 times as good (the demo's call centres)", 0.6, 3.33, 20, 0),
            new DesignFamily("equal per employee, B at workplaces twice as large, exposure visit", 1.0, 1.0, 20, 0,
                    2, EvidenceConfig.Exposure.VISIT),
            new DesignFamily("equal per employee, B at workplaces twice as large, exposure employees", 1.0, 1.0, 20,
                    0, 2, EvidenceConfig.Exposure.EMPLOYEES),
            new DesignFamily("B twice as good per employee, at workplaces of the same size, exposure employees", 1.0,
                    2.0, 20, 0, 1, EvidenceConfig.Exposure.EMPLOYEES));

    static final List<LeadFamily> LEADS = List.of(
            new LeadFamily("ineffective, quiet lag", 0, 1, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("ineffective, moderate noise", 0, 2, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("ineffective, noisy lag", 0, 4, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("ineffective, lag above the WIG's from", 0, 1, Execution.THROUGHOUT, 10, 16, false),
            new LeadFamily("ineffective, carried out only in the last month", 0, 1, Execution.LAST_MONTH_ONLY, 10, 10,
                    false),
            new LeadFamily("effective, quiet lag", 10, 1, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("effective, noisy lag", 10, 4, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("effective, very noisy lag", 10, 8, Execution.THROUGHOUT, 10, 10, false),
            new LeadFamily("effective, building up over three months", 10, 2, Execution.THROUGHOUT, 10, 10, true),
            new LeadFamily("effective, carried out only in the last month", 10, 2, Execution.LAST_MONTH_ONLY, 10, 10,
                    false),
            new LeadFamily("effective, at target from the third month", 10, 2, Execution.FROM_MONTH_THREE, 10, 10,
                    false),
            new LeadFamily("effective, WIG's from set above the baseline", 10, 2, Execution.THROUGHOUT, 20, 10, false),
            new LeadFamily("modest: exactly the needed effect", 5, 2, Execution.THROUGHOUT, 10, 10, false));

    @Test
    void printTheTable() throws IOException {
        int runs = Integer.getInteger("study.runs", 1000);
        Thresholds t = thresholds();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Seeded, %d runs per scenario; bestThreshold %.4f, intervalLevel %.2f, "
                        + "minimalEffectShare %.2f.%n%n", runs, t.bestThreshold(), t.intervalLevel(),
                t.minimalEffectShare()));
        out.append("**Best design, two designs in one segment, a look at every monthly APT for 12 months**\n\n");
        out.append("| scenario | members/visit (A) | rate ratio B/A | visits/month | named best ever (12 looks) "
                + "| better named by month 3 | by 6 | by 12 | months to name it (median) | wrong design named |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        long seed = 1;
        boolean equalOnly = Boolean.getBoolean("study.equalDesignsOnly");
        for (DesignFamily family : DESIGNS.stream().filter(f -> !equalOnly || f.rateRatio() == 1 && f.sizeRatio() == 1)
                .toList()) {
            DesignResult r = OperatingCharacteristics.designs(family, runs, 12, seed++, t);
            boolean equal = family.rateRatio() == 1;
            out.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %d | %s | %s | %s | %s | %s | %s |%n",
                    family.name() + (family.dispersion() > 0 ? " (k = " + (int) family.dispersion() + ")" : ""),
                    family.rate(), family.rateRatio(), family.perMonth(), pct(r.everNamed()),
                    equal ? "–" : pct(r.trueBestBy(3)), equal ? "–" : pct(r.trueBestBy(6)),
                    equal ? "–" : pct(r.trueBestBy(12)),
                    equal ? "–" : r.medianLooks() < 0 ? "> 12" : String.valueOf(r.medianLooks()),
                    pct((double) r.wrongEver() / runs)));
            System.out.println("designs: " + family.name() + " done");
        }
        out.append("\n**Lead-measure verdict after 5 months (3 months of baseline readings, WIG from → from + 20, "
                + "needed effect 5)**\n\n");
        out.append("| scenario | lift at target | lag noise (sd) | keep | replace | insufficient-evidence "
                + "| improve-execution | months until replace ≥ 95 % |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (LeadFamily family : equalOnly ? List.<LeadFamily>of() : LEADS) {
            LeadResult r = OperatingCharacteristics.leadMeasure(family, runs, 5, seed++, t);
            String months = family.lift() > 0 || family.execution() != Execution.THROUGHOUT ? "–"
                    : monthsToReplace(family, runs, seed++, t);
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %s | %s | %s | %s | %s |%n", family.name(),
                    family.lift(), family.noise(), pct(r.share(LeadMeasureVerdict.KEEP)),
                    pct(r.share(LeadMeasureVerdict.REPLACE)), pct(r.share(LeadMeasureVerdict.INSUFFICIENT)),
                    pct(r.share(LeadMeasureVerdict.IMPROVE_EXECUTION)), months));
            System.out.println("lead measures: " + family.name() + " done");
        }
        System.out.println(out);
        Path file = Path.of("target", "operating-characteristics.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    private static String monthsToReplace(LeadFamily family, int runs, long seed, Thresholds t) {
        for (int months = 3; months <= 24; months++) {
            if (OperatingCharacteristics.leadMeasure(family, runs, months, seed, t).share(LeadMeasureVerdict.REPLACE)
                    >= 0.95) {
                return String.valueOf(months);
            }
        }
        return "> 24";
    }

    private static Thresholds thresholds() {
        String best = System.getProperty("study.bestThreshold");
        return best == null ? Thresholds.defaults() : Thresholds.defaults().withBestThreshold(Double.parseDouble(best));
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
