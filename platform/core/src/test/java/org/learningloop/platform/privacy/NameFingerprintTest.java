package org.learningloop.platform.privacy;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A name is recognised word for word, whatever its case, accents and punctuation; its fingerprint depends on the key. */
class NameFingerprintTest {

    private final NameFingerprint prints = new NameFingerprint("test-key");

    @Test
    void givenTheSameWords_thenTheSameFingerprint_whateverCaseAccentsAndPunctuation() {
        NameFingerprint.Print name = prints.of("Åsa Öberg-Lind");

        assertThat(name.words()).isEqualTo(3);
        assertThat(name.fingerprint()).matches("[0-9a-f]{64}")
                .isEqualTo(prints.of("  asa  OBERG lind ").fingerprint())
                .isNotEqualTo(prints.of("Åsa Öberg").fingerprint());
        assertThat(NameFingerprint.words("Åsa Öberg-Lind, team lead!")).containsExactly("asa", "oberg", "lind", "team", "lead");
    }

    @Test
    void givenAText_thenEveryRunOfTheNamesLengthIsFingerprinted_soAContainedNameIsFound() {
        NameFingerprint.Print name = prints.of("Quillon Zephyrsecr");

        assertThat(prints.runs("Feedback for quillon ZEPHYRSECR: good pace", Set.of(2))).contains(name.fingerprint());
        assertThat(prints.runs("Quillon was there; Zephyrsecr was not", Set.of(2))).doesNotContain(name.fingerprint());
        assertThat(prints.runs("Quillon", Set.of(2))).isEmpty();
    }

    @Test
    void givenAnotherKey_thenAnotherFingerprint_soAFingerprintCannotBeMatchedByTryingNames() {
        assertThat(new NameFingerprint("other-key").of("Anna Andersson").fingerprint())
                .isNotEqualTo(prints.of("Anna Andersson").fingerprint());
        assertThatThrownBy(() -> new NameFingerprint(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNoWordsOrManyWords_thenNoFingerprintOrOneOfTheFirstWords() {
        assertThat(prints.of(" -- ")).isNull();
        // a number names nobody: as a name it would refuse every text with that number ("Listed office 0")
        assertThat(prints.of("0")).isNull();
        assertThat(prints.of("2026 – 11")).isNull();
        assertThat(prints.of("Anna 2").words()).isEqualTo(2);
        assertThat(prints.of("a b c d e f g h").words()).isEqualTo(NameFingerprint.MAX_WORDS);
        assertThat(prints.of("a b c d e f g h").fingerprint()).isEqualTo(prints.of("a b c d e f").fingerprint());
    }
}
