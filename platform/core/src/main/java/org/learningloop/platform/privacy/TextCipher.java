package org.learningloop.platform.privacy;

import org.learningloop.contracts.SealedText;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The cryptography of sealed text (ADR 18): AES-256-GCM throughout. Each event with free text gets a random data
 * key of its own (its id is the event's id); the text is sealed under it with the key id as associated data, and
 * the data key is kept wrapped (sealed likewise) under the organisation's text key, so a copy of the key table or
 * the keys topic is useless without that secret. Pure: no I/O, no clock.
 */
public final class TextCipher {

    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String VERSION = "sealed:v1:";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec keyEncryptionKey;

    /** A data key: the key of one event's texts. */
    public record DataKey(UUID keyId, byte[] bytes) {
        public DataKey {
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("A data key has " + KEY_BYTES + " bytes");
            }
        }

        @Override
        public String toString() {
            return "DataKey[" + keyId + "]";
        }
    }

    /** @param secret the organisation's text key ({@code loop.personal-data.text-key}); any string, stretched by SHA-256 */
    public TextCipher(String secret) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(
                    ("learning-loop text key encryption key\0" + secret).getBytes(StandardCharsets.UTF_8));
            this.keyEncryptionKey = new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** A new random data key for the texts of event {@code keyId}. */
    public DataKey newKey(UUID keyId) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return new DataKey(keyId, bytes);
    }

    /** {@code plain} sealed under {@code key}: {@code sealed:v1:<keyId>:<base64url(nonce ‖ ciphertext)>}. */
    public String seal(DataKey key, String plain) {
        return VERSION + key.keyId() + ":" + encrypt(new SecretKeySpec(key.bytes(), "AES"), key.keyId(),
                plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The plain text of {@code sealed}; empty when it is not sealed under {@code key} or was tampered with. */
    public Optional<String> unseal(DataKey key, String sealed) {
        var matcher = SealedText.TOKEN.matcher(sealed);
        if (!matcher.matches() || !key.keyId().toString().equals(matcher.group(1))) {
            return Optional.empty();
        }
        return decrypt(new SecretKeySpec(key.bytes(), "AES"), key.keyId(), matcher.group(2))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The data key wrapped under the organisation's text key, for the key table and the keys topic. */
    public String wrap(DataKey key) {
        return encrypt(keyEncryptionKey, key.keyId(), key.bytes());
    }

    /** The data key {@code wrapped} holds; empty when it was wrapped under another text key or tampered with. */
    public Optional<DataKey> unwrap(UUID keyId, String wrapped) {
        return decrypt(keyEncryptionKey, keyId, wrapped).filter(bytes -> bytes.length == KEY_BYTES)
                .map(bytes -> new DataKey(keyId, bytes));
    }

    private String encrypt(SecretKeySpec key, UUID keyId, byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(plain);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private static Optional<byte[]> decrypt(SecretKeySpec key, UUID keyId, String encoded) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded);
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(bytes, NONCE_BYTES)));
            cipher.updateAAD(keyId.toString().getBytes(StandardCharsets.US_ASCII));
            return Optional.of(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
