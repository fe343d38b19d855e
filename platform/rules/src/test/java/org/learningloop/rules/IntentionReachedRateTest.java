package org.learningloop.rules;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.activity.IntentionReached;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.contracts.activity.IntentionReached.NO;
import static org.learningloop.contracts.activity.IntentionReached.PARTLY;
import static org.learningloop.contracts.activity.IntentionReached.YES;
import static org.learningloop.rules.IntentionReachedRate.share;
import static org.learningloop.rules.IntentionReachedRate.weight;

/** The one meaning of {@code partly}: each answer's weight, the share of a set of answers, the published form read. */
class IntentionReachedRateTest {

    @Test
    void yesWeighsOne_partlyHalf_noNothing() {
        assertThat(weight(YES)).isEqualTo(1.0);
        assertThat(weight(PARTLY)).isEqualTo(0.5);
        assertThat(weight(NO)).isEqualTo(0.0);
    }

    @Test
    void shareOfAMix_countsPartlyAsHalfReached() {
        // one of each: (1 + ½ + 0) / 3 = 0.5
        assertThat(share(List.of(YES, PARTLY, NO), 2)).contains(new BigDecimal("0.50"));
        // two yes, one partly: (2 + ½) / 3 = 0.8333…, half-up to 0.83
        assertThat(share(List.of(YES, YES, PARTLY), 2)).contains(new BigDecimal("0.83"));
        // only partly: half reached, not missed
        assertThat(share(List.of(PARTLY, PARTLY), 2)).contains(new BigDecimal("0.50"));
    }

    @Test
    void share_isRoundedHalfUp_fromTheExactValue() {
        // (0 + ½) / 8 = 0.0625 exactly: half-up at 3 decimals is 0.063, at 2 decimals 0.06
        List<IntentionReached> onePartlyInEight = List.of(PARTLY, NO, NO, NO, NO, NO, NO, NO);
        assertThat(share(onePartlyInEight, 3)).contains(new BigDecimal("0.063"));
        assertThat(share(onePartlyInEight, 2)).contains(new BigDecimal("0.06"));
        assertThat(share(List.of(YES), 2)).contains(new BigDecimal("1.00"));
    }

    @Test
    void shareOfNoAnswer_isEmpty() {
        assertThat(share(Collections.emptyList(), 2)).isEmpty();
    }

    @Test
    void answer_readsThePublishedForm_andNothingElse() {
        for (IntentionReached answer : IntentionReached.values()) {
            String published = EventJson.MAPPER.convertValue(answer, String.class);
            assertThat(IntentionReachedRate.answer(published)).isEqualTo(answer);
        }
        assertThat(IntentionReachedRate.answer(null)).isNull();
        assertThat(IntentionReachedRate.answer("maybe")).isNull();
        assertThat(IntentionReachedRate.answer("PARTLY")).isNull();
    }
}
