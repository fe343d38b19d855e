package org.learningloop.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.activity.FeedbackGiven;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.goal.WigRevised;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.contracts.learning.LearningRecorded;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which fields are sealed is the published schemas' to say (ADR 18): the sealed form fits them, every other field is
 * written back exactly, and a plain text that looks sealed is refused.
 */
class SealedTextTest {

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);
    private static final UUID KEY = UUID.fromString("0e1d2c3b-4a59-4687-9564-738291a0b1c2");

    /** A stand-in for the cipher: reversible, so the test can read the sealed form back. */
    private static String seal(String text) {
        return "sealed:v1:" + KEY + ":" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsealAll(String json) {
        Matcher matcher = SealedText.TOKEN.matcher(json);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String plain = new String(Base64.getUrlDecoder().decode(matcher.group(2)), StandardCharsets.UTF_8);
            // the plain text goes back into a JSON string: escape it as the writer did
            String escaped = EventJson.MAPPER.valueToTree(plain).toString();
            matcher.appendReplacement(out, Matcher.quoteReplacement(escaped.substring(1, escaped.length() - 1)));
        }
        return matcher.appendTail(out).toString();
    }

    @TestFactory
    Stream<DynamicTest> everySampleSealed_fitsItsSchema_decodes_andReadsBackExactly() {
        return Samples.all().stream().map(sample -> DynamicTest.dynamicTest(ALL.typeOf(sample).ceType(), () -> {
            EventType<LoopEvent> type = ALL.typeOf(sample);
            String plain = ALL.encodeChecked(sample);
            String sealed = SealedText.sealFields(type, plain, SealedTextTest::seal);
            assertThat(EventSchemas.check(type, sealed)).as("the stored form fits the schema").isEmpty();
            assertThat(ALL.decode(type.ceType(), sealed)).isNotNull();
            assertThat(unsealAll(sealed)).as("read back").isEqualTo(plain);
            assertThat(!sealed.equals(plain)).as("sealed something").isEqualTo(SealedText.hasSealableFields(type)
                    && !sealableValues(type, plain).isEmpty());
        }));
    }

    @Test
    void feedbackText_isSealed_butNotItsCategoryElementOrIds() throws Exception {
        FeedbackGiven feedback = (FeedbackGiven) Samples.all().stream().filter(FeedbackGiven.class::isInstance)
                .findFirst().orElseThrow();
        EventType<LoopEvent> type = ALL.typeOf(feedback);
        JsonNode sealed = EventJson.MAPPER.readTree(SealedText.sealFields(type, ALL.encodeChecked(feedback),
                SealedTextTest::seal));
        for (JsonNode item : sealed.get("items")) {
            assertThat(SealedText.isSealed(item.get("text").asText())).isTrue();
            assertThat(SealedText.isSealed(item.get("category").asText())).isFalse();
            assertThat(item.get("element").asText()).doesNotStartWith(SealedText.PREFIX);
        }
        assertThat(sealed.get("toMemberId").asText()).isEqualTo(feedback.toMemberId().toString());
    }

    @Test
    void numbers_areWrittenBackExactly_trailingZerosIncluded() {
        WigRevised revised = new WigRevised(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "Grow",
                new BigDecimal("35.50"), LocalDate.parse("2027-06-30"), "The APT agreed a bolder target");
        EventType<LoopEvent> type = ALL.typeOf(revised);
        String plain = ALL.encodeChecked(revised);
        String sealed = SealedText.sealFields(type, plain, SealedTextTest::seal);
        assertThat(plain).contains("35.50");
        assertThat(sealed).contains("\"to\":35.50").doesNotContain("bolder");
        assertThat(unsealAll(sealed)).isEqualTo(plain);
    }

    @Test
    void aPlainTextThatLooksSealed_isRefusedByTheSchema_andAnAlreadySealedTextIsKept() {
        LearningRecorded recorded = (LearningRecorded) Samples.all().stream().filter(LearningRecorded.class::isInstance)
                .findFirst().orElseThrow();
        EventType<LoopEvent> type = ALL.typeOf(recorded);
        String json = ALL.encode(recorded).replace(recorded.insight(), "sealed: not really");
        assertThat(EventSchemas.check(type, json)).extracting(EventSchemas.Violation::field).contains("/insight");

        String copied = ALL.encode(recorded).replace(recorded.insight(), seal("copied from an agreement"));
        String resealed = SealedText.sealFields(type, copied, text -> SealedText.isSealed(text) ? text : seal(text));
        assertThat(resealed).isEqualTo(copied);
        assertThat(SealedText.keyOf(seal("x"))).contains(KEY);
        assertThat(SealedText.keyOf("plain")).isEmpty();
    }

    private static List<String> sealableValues(EventType<?> type, String plain) {
        List<String> values = new ArrayList<>();
        SealedText.sealFields(type, plain, text -> {
            values.add(text);
            return text;
        });
        return values;
    }
}
