package org.learningloop.activity.design;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.learningloop.decider.Decider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The design decider, its commands and states are plain Java: no framework, no platform mechanics, no clock. */
class DesignPurityTest {

    private static final JavaClasses DESIGN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.activity.design");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().implement(Decider.class)
                .or().haveNameMatching(".*\\.Design(Command|State)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..",
                        "org.apache.kafka..", "org.learningloop.platform..")
                .because("deciders must stay pure: time and ids come in with the command")
                .check(DESIGN);
    }

    @Test
    void decidersReadNoClockAndDrawNoRandomness() {
        noClasses().that().implement(Decider.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(DESIGN);
    }
}
