package org.learningloop.testing;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.EventCatalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's request validation says what the schemas of the events it makes say ({@link ApiMatchesContract}):
 * extend it with the service's requests and their events. Every request record of the API classes must be listed
 * (or named as one whose fields make no event), so a new request cannot slip past.
 */
public abstract class RequestsMatchTheirEventsTest {

    /** The service's catalog. */
    protected abstract EventCatalog catalog();

    /** Each request with the name of the event its fields end up in. */
    protected abstract Map<Class<? extends Record>, String> events();

    /** The classes that hold the service's request records. */
    protected abstract List<Class<?>> apis();

    /** Request records whose fields make no event of their own (nested in another, or reference data). */
    protected Set<Class<?>> notEvents() {
        return Set.of();
    }

    @TestFactory
    Stream<DynamicTest> everyBoundOfARequestIsTheBoundOfItsEvent() {
        return events().entrySet().stream().map(pair -> DynamicTest.dynamicTest(pair.getKey().getSimpleName(), () ->
                assertThat(ApiMatchesContract.check(pair.getKey(), catalog().byName(pair.getValue()).orElseThrow())
                        .mismatches()).isEmpty()));
    }

    @Test
    void everyRequestIsChecked_andTheCheckComparesBounds() {
        List<Class<?>> requests = apis().stream()
                .flatMap(api -> Arrays.stream(api.getDeclaredClasses()))
                .filter(type -> type.isRecord() && type.getSimpleName().endsWith("Request"))
                .filter(type -> !notEvents().contains(type))
                .toList();
        assertThat(List.<Class<?>>copyOf(events().keySet())).containsExactlyInAnyOrderElementsOf(requests);
        int compared = events().entrySet().stream().mapToInt(pair -> ApiMatchesContract.check(pair.getKey(),
                catalog().byName(pair.getValue()).orElseThrow()).compared()).sum();
        assertThat(compared).as("bounds compared").isGreaterThanOrEqualTo(events().size());
    }
}
