package org.learningloop.goal;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.learningloop.decider.Decider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Deciders, commands and states are plain Java: no framework, no platform mechanics. */
class DomainPurityTest {

    private static final JavaClasses GOAL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.goal", "org.learningloop.decider", "org.learningloop.contracts");

    @Test
    void domainDependsOnNoFramework() {
        ArchRule rule = noClasses()
                .that().implement(Decider.class)
                .or().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("State")
                .or().resideInAnyPackage("org.learningloop.decider..", "org.learningloop.contracts..")
                .or().haveSimpleName("Periods")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..",
                        "org.apache.kafka..", "org.learningloop.platform..")
                .because("deciders must stay pure: time and ids come in with the command");
        rule.check(GOAL);
    }

    @Test
    void decidersReadNoClockAndDrawNoRandomness() {
        noClasses().that().implement(Decider.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .check(GOAL);
    }
}
