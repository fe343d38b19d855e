package org.learningloop.platform.privacy;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.SealedText;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TextCipherTest {

    private final TextCipher cipher = new TextCipher("the organisation's text key");
    private final TextKeys keys = new TextKeys(cipher, "test");

    @Test
    void aSealedText_readsBackWithItsKey_andOnlyWithIt() {
        TextCipher.DataKey key = cipher.newKey(UUID.randomUUID());
        String sealed = cipher.seal(key, "Fika first, then the leaflet — ÅÄÖ ✓");

        assertThat(SealedText.isSealed(sealed)).isTrue();
        assertThat(SealedText.keyOf(sealed)).contains(key.keyId());
        assertThat(sealed).doesNotContain("Fika");
        assertThat(cipher.unseal(key, sealed)).contains("Fika first, then the leaflet — ÅÄÖ ✓");
        assertThat(cipher.unseal(cipher.newKey(key.keyId()), sealed)).as("another key, same id").isEmpty();
        assertThat(cipher.unseal(cipher.newKey(UUID.randomUUID()), sealed)).as("another key id").isEmpty();
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
        assertThat(cipher.unseal(key, tampered)).isEmpty();
    }

    @Test
    void aWrappedKey_unwrapsOnlyUnderTheSameTextKey_andForItsOwnId() {
        TextCipher.DataKey key = cipher.newKey(UUID.randomUUID());
        String wrapped = cipher.wrap(key);

        assertThat(cipher.unwrap(key.keyId(), wrapped)).hasValueSatisfying(unwrapped ->
                assertThat(unwrapped.bytes()).isEqualTo(key.bytes()));
        assertThat(new TextCipher("another organisation").unwrap(key.keyId(), wrapped)).isEmpty();
        assertThat(cipher.unwrap(UUID.randomUUID(), wrapped)).isEmpty();
    }

    @Test
    void everySealedTextInAString_readsAsItsText_orAsErasedWhenItsKeyIsGone() {
        TextCipher.DataKey kept = cipher.newKey(UUID.randomUUID());
        TextCipher.DataKey deleted = cipher.newKey(UUID.randomUUID());
        String text = "Cancelled (" + cipher.seal(kept, "storm") + "), noted: " + cipher.seal(deleted, "who was ill");

        assertThat(keys.unseal(text, Map.of(kept.keyId(), kept)))
                .isEqualTo("Cancelled (storm), noted: " + SealedText.ERASED);
        assertThat(keys.unseal("plain $1 text", Map.of())).isEqualTo("plain $1 text");
    }

    @Test
    void theTextsConcern_theirAuthor_andEveryMemberTheEventNames() {
        UUID author = UUID.randomUUID();
        UUID about = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        String payload = "{\"fromMemberId\":\"" + author + "\",\"toMemberId\":\"" + about + "\",\"teamId\":\""
                + UUID.randomUUID() + "\",\"commitments\":[{\"memberId\":\"" + committed + "\"}]}";

        assertThat(TextKeys.concerns(author.toString(), payload)).containsExactlyInAnyOrder(author, about, committed);
        assertThat(TextKeys.concerns("activity-service", "{}")).as("a service is nobody").isEmpty();
    }
}
