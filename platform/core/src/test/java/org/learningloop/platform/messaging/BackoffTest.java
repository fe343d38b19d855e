package org.learningloop.platform.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's one back-off: 100 ms, doubling after each failure up to the cap, from the start after a success. */
class BackoffTest {

    @Test
    void aConsumersWaits_doubleFrom100MsUpTo5s_andStayThere() {
        assertThat(waits(Backoff.forConsumers(), 8)).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    }

    @Test
    void theRelaysCap_isItsSetting() {
        assertThat(waits(Backoff.upTo(Duration.ofMillis(300)), 4)).containsExactly(100L, 200L, 300L, 300L);
    }

    @Test
    void afterASuccess_theFirstWaitAgain() {
        Backoff backoff = new Backoff(Duration.ofMillis(20), Duration.ofSeconds(1));
        waits(backoff, 3);

        backoff.reset();

        assertThat(waits(backoff, 2)).containsExactly(20L, 40L);
    }

    private static List<Long> waits(Backoff backoff, int failures) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < failures; i++) {
            waits.add(backoff.next().toMillis());
        }
        return waits;
    }
}
