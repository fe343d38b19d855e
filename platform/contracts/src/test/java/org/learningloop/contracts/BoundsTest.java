package org.learningloop.contracts;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The text bounds mean the same to Java's validation (whole match) and to JSON Schema (ECMA-262, unanchored). */
class BoundsTest {

    @Test
    void notBlankAdmitsAnyTextWithACharacterOtherThanWhiteSpace_acrossLines_andRefusesBlankText() {
        Pattern java = Pattern.compile(Bounds.NOT_BLANK);
        assertThat(java.matcher("a").matches()).isTrue();
        assertThat(java.matcher("\n  Start with pay \n").matches()).isTrue();
        assertThat(java.matcher("").matches()).isFalse();
        assertThat(java.matcher(" \t\n ").matches()).isFalse();
        // unanchored, as JSON Schema applies it: found in a text with content, not in a blank one
        assertThat(java.matcher("x").find()).isTrue();
        assertThat(java.matcher("   ").find()).isFalse();
        assertThat(Bounds.NOT_BLANK).doesNotContain("(?").doesNotStartWith("^");
    }

    @Test
    void stripToNullKeepsTextAndDropsBlanks() {
        assertThat(Text.stripToNull("  Start with pay ")).isEqualTo("Start with pay");
        assertThat(Text.stripToNull(" \n ")).isNull();
        assertThat(Text.stripToNull(null)).isNull();
    }
}
