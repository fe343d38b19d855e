package org.learningloop.platform.messaging;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;
import org.learningloop.decider.CommandRejected;
import org.learningloop.platform.observability.LoopMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Inbox and the projection runner dead-letter rather than retry: failures the same event meets every time,
 * not those a concurrent writer or an absent database may cause (ADR 6).
 */
class PoisonTest {

    @Test
    void aRefusal_aMissingValue_andDataTheDatabaseRefuses_arePoison() {
        assertThat(Poison.deterministic(CommandRejected.ruleViolated("wig-closed", "The WIG is closed"))).isTrue();
        assertThat(Poison.deterministic(new NullPointerException())).isTrue();
        assertThat(Poison.deterministic(new IllegalArgumentException())).isTrue();
        assertThat(Poison.deterministic(new ClassCastException())).isTrue();
        assertThat(Poison.deterministic(sqlState("22001"))).isTrue();
        assertThat(Poison.deterministic(sqlState("23502"))).isTrue();
        // an upsert that would change a row twice: the same rows meet the same statement on every retry
        assertThat(Poison.deterministic(sqlState("21000"))).isTrue();
    }

    @Test
    void aUniqueOrExclusionViolation_aConflict_orAnAbsentDatabase_areRetried() {
        assertThat(Poison.deterministic(sqlState("23505"))).isFalse();
        assertThat(Poison.deterministic(sqlState("23P01"))).isFalse();
        assertThat(Poison.deterministic(sqlState("40001"))).isFalse();
        assertThat(Poison.deterministic(new IllegalStateException("connection refused"))).isFalse();
    }

    @Test
    void theVerdict_namesWhoRefused_orWhatFailed() {
        assertThat(Poison.of(CommandRejected.ruleViolated("wig-closed", "The WIG is closed"), Poison.DOMAIN))
                .isEqualTo(new Poison.Verdict(LoopMetrics.REFUSED, "Refused by the domain: The WIG is closed"));
        assertThat(Poison.of(new NullPointerException("no team"), "the projection"))
                .isEqualTo(new Poison.Verdict(LoopMetrics.CANNOT_APPLY,
                        "The event cannot be applied: java.lang.NullPointerException: no team"));
        assertThat(Poison.undecodable("Unknown version 2 of goal.wig-defined"))
                .isEqualTo(new Poison.Verdict(LoopMetrics.UNDECODABLE, "Unknown version 2 of goal.wig-defined"));
    }

    private static PgException sqlState(String state) {
        return new PgException("refused", "ERROR", state, null);
    }
}
