package org.learningloop.reporting.evidence;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The statistics and the report rules are pure: no framework, no platform, no clock, no unseeded randomness. */
class EvidencePurityTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.reporting.evidence", "org.learningloop.reporting.rollup");

    @Test
    void statisticsAndReportRules_dependOnNoFramework_readNoClock_drawNoUnseededRandomness() {
        noClasses().that().resideInAPackage("..evidence.stats..")
                .or().haveNameMatching(".*\\.(DesignEffectiveness|BestDesigns|LeadMeasureVerdict|Rollups)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.vertx..", "org.hibernate..", "org.apache.kafka..", "org.learningloop.platform..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .check(classes);
    }
}
