package org.learningloop.platform.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person's display name as a keyed fingerprint, so that services which must recognise a name in free text never hold
 * the name (issue 12, docs/privacy.md). A name is compared as its words: letters and digits, lower-case, accents
 * dropped ({@code "Åsa  Öberg-Lind"} is {@code asa oberg lind}); the fingerprint is HMAC-SHA256 of those words under
 * the organisation's name key ({@code loop.personal-data.name-key}), so without the key a fingerprint cannot be
 * turned back into a name by trying names.
 */
public final class NameFingerprint {

    /** Names of more words than this are compared by their first words only. */
    public static final int MAX_WORDS = 6;

    private final SecretKeySpec key;

    public NameFingerprint(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("the name key must not be empty");
        }
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** A name's fingerprint and how many words it has; empty words: no fingerprint. */
    public record Print(String fingerprint, int words) {
    }

    /**
     * The fingerprint of a display name; {@code null} when it has no letter: "0" or "2026" names nobody, and as a
     * name it would refuse every text with that number in it ("Listed office 0").
     */
    public Print of(String displayName) {
        List<String> words = words(displayName);
        if (words.stream().noneMatch(word -> word.codePoints().anyMatch(Character::isLetter))) {
            return null;
        }
        List<String> name = words.subList(0, Math.min(words.size(), MAX_WORDS));
        return new Print(hmac(String.join(" ", name)), name.size());
    }

    /** The fingerprints of every run of {@code size} consecutive words of {@code text}, for each of {@code sizes}. */
    public Set<String> runs(String text, Set<Integer> sizes) {
        List<String> words = words(text);
        Set<String> runs = new LinkedHashSet<>();
        for (int size : sizes) {
            for (int start = 0; start + size <= words.size(); start++) {
                runs.add(hmac(String.join(" ", words.subList(start, start + size))));
            }
        }
        return runs;
    }

    /** The words of {@code text} as names are compared: letters and digits, lower-case, without accents. */
    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private String hmac(String words) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(words.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
