package org.learningloop.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.learningloop.decider.Decider;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules that keep a service's domain pure, once for every service: deciders, commands and states
 * (nested records included), the decider kernel and the published contracts depend on no framework and
 * no platform mechanics, and deciders read no clock and draw no randomness. Extend it in a test of the
 * service and name the service's package.
 */
public abstract class DomainPurityRules {

    /** The service's root package, e.g. {@code org.learningloop.goal}. */
    protected abstract String servicePackage();

    /** Simple names of further pure domain classes (policies, facts folded from events). */
    protected Set<String> alsoPure() {
        return Set.of();
    }

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that(areDomain())
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..", "org.hibernate..",
                        "org.apache.kafka..", "org.learningloop.platform..")
                .because("deciders must stay pure: time and ids come in with the command")
                .check(classes());
    }

    @Test
    void decidersReadNoClockAndDrawNoRandomness() {
        noClasses().that().implement(Decider.class)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.OffsetDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .because("time and ids come in with the command")
                .check(classes());
    }

    private JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(servicePackage(), "org.learningloop.decider", "org.learningloop.contracts");
    }

    private DescribedPredicate<JavaClass> areDomain() {
        Set<String> extra = alsoPure();
        return DescribedPredicate.describe("deciders, commands, states, contracts and " + extra, type -> {
            String outer = type.getName().replaceFirst("\\$.*", "");
            String simple = outer.substring(outer.lastIndexOf('.') + 1);
            return type.isAssignableTo(Decider.class)
                    || simple.endsWith("Command") || simple.endsWith("State") || extra.contains(simple)
                    || type.getPackageName().startsWith("org.learningloop.decider")
                    || type.getPackageName().startsWith("org.learningloop.contracts");
        });
    }
}
