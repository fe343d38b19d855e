package org.learningloop.platform;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The platform's packages depend on each other one way (issue 17): the HTTP edge on the command loop, the command
 * loop on the event store and the privacy mechanics, never back, so each can be read, tested and changed alone.
 */
class PlatformStructureTest {

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.learningloop.platform");

    @Test
    void thePlatformsPackagesHaveNoCycles() {
        slices().matching("org.learningloop.platform.(*)..").should().beFreeOfCycles().check(PLATFORM);
    }
}
