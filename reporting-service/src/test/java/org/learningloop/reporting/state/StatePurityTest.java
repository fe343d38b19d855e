package org.learningloop.reporting.state;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The team-state fold and business time are pure: no framework, no platform, no clock. */
class StatePurityTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.reporting.state");

    @Test
    void theFoldDependsOnNoFrameworkAndReadsNoClock() {
        noClasses().that().haveNameMatching(".*\\.(TeamState(Fold)?|BusinessTime)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.vertx..", "org.hibernate..", "org.apache.kafka..", "org.learningloop.platform..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .check(classes);
    }
}
