package org.learningloop.activity.loop;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.learningloop.decider.Decider;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The activity decider, its commands, states and design facts are plain Java: no framework, clock or randomness. */
class LoopDomainPurityTest {

    private static final JavaClasses LOOP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.activity.loop");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().haveNameMatching(
                        "org\\.learningloop\\.activity\\.loop\\.(ActivityDecider|ActivityCommand|ActivityState|DesignFacts)(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..",
                        "org.apache.kafka..", "org.learningloop.platform..")
                .because("deciders must stay pure: time and ids come in with the command")
                .check(LOOP);
    }

    @Test
    void decidersReadNoClockAndDrawNoRandomness() {
        noClasses().that().implement(Decider.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(LOOP);
    }
}
