package org.learningloop.contracts;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published contracts hold the events' data and the mechanics of reading and checking them, and no business
 * rule (issue 17): a rule two services apply lives in loop-rules, once. Every class here is a record, an enum or an
 * interface (the events and their parts), a service's catalogue of events ({@code *Events}), or one of the contract's
 * own mechanics named below; a new class with logic of another kind fails this test.
 */
class ContractsHoldNoRulesTest {

    /** Reading, writing and checking the published form: the contract's mechanics, not the domain's rules. */
    private static final Set<String> MECHANICS = Set.of("EventCatalog", "EventSchemas", "EventJson", "Bounds", "Text",
            "SealedText", "Periods", "ContractViolation");

    @Test
    void everyClass_isEventData_aCatalogue_orAContractMechanic() {
        List<String> others = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.learningloop.contracts").stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(type -> !(type.isRecord() || type.isEnum() || type.isInterface()
                        || type.getSimpleName().endsWith("Events") || MECHANICS.contains(type.getSimpleName())))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        assertThat(others).as("classes with logic other than the contract's own").isEmpty();
    }
}
