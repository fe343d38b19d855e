package org.learningloop.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenID Connect issuer for tests: it publishes a discovery document and a JWKS with one RSA test key, the way
 * Keycloak's {@code learning-loop} realm does, and signs access tokens with that key. The services verify these
 * tokens exactly as in production (quarkus-oidc: discovery, JWKS signature, issuer, audience, expiry); nothing in
 * them knows it is a test.
 * <p>
 * One issuer per JVM. Its address and private key live in system properties, so a test class and a Quarkus test
 * resource loaded by different class loaders sign with the same key.
 */
public final class TestIdentityProvider {

    /** The audience every service expects ({@code LOOP_OIDC_AUDIENCE}'s default). */
    public static final String AUDIENCE = "learning-loop";
    private static final String ISSUER_PROPERTY = "learning-loop.test-issuer";
    private static final String KEY_PROPERTY = "learning-loop.test-issuer.key";
    private static final String KEY_ID = "learning-loop-test-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestIdentityProvider instance;

    private final String issuer;
    private final PrivateKey key;

    private TestIdentityProvider(String issuer, PrivateKey key) {
        this.issuer = issuer;
        this.key = key;
    }

    /** The JVM's issuer, started on first use. */
    public static synchronized TestIdentityProvider get() {
        if (instance == null) {
            synchronized (System.getProperties()) {
                if (System.getProperty(ISSUER_PROPERTY) == null) {
                    start();
                }
                instance = new TestIdentityProvider(System.getProperty(ISSUER_PROPERTY),
                        privateKey(System.getProperty(KEY_PROPERTY)));
            }
        }
        return instance;
    }

    /** The issuer URL, e.g. {@code http://127.0.0.1:41234/realms/learning-loop} (the services' {@code LOOP_OIDC_ISSUER}). */
    public String issuer() {
        return issuer;
    }

    /** A valid access token for {@code subject} with the organisation-wide {@code roles}, good for an hour. */
    public String token(String subject, String... roles) {
        return sign(key, claims(subject, Instant.now(), Duration.ofHours(1), AUDIENCE, roles));
    }

    /** A token that expired a minute ago. */
    public String expiredToken(String subject, String... roles) {
        return sign(key, claims(subject, Instant.now().minus(Duration.ofMinutes(6)), Duration.ofMinutes(5), AUDIENCE,
                roles));
    }

    /** A token for another audience (another application of the same issuer). */
    public String tokenForAudience(String audience, String subject, String... roles) {
        return sign(key, claims(subject, Instant.now(), Duration.ofHours(1), audience, roles));
    }

    /** A token that looks right but is signed by a key the issuer never published. */
    public String tokenSignedByAnotherKey(String subject, String... roles) {
        return sign(newKeyPair().getPrivate(), claims(subject, Instant.now(), Duration.ofHours(1), AUDIENCE, roles));
    }

    private Map<String, Object> claims(String subject, Instant issuedAt, Duration lifetime, String audience,
                                       String... roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", List.of(audience));
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", issuedAt.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("typ", "Bearer");
        claims.put("azp", "learning-loop-tests");
        claims.put("realm_access", Map.of("roles", Arrays.asList(roles)));
        return claims;
    }

    private static String sign(PrivateKey key, Map<String, Object> claims) {
        try {
            String header = base64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID)));
            String payload = base64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void start() {
        KeyPair keys = newKeyPair();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/learning-loop";
            RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
            byte[] discovery = JSON.writeValueAsBytes(Map.of(
                    "issuer", issuer,
                    "jwks_uri", issuer + "/protocol/openid-connect/certs",
                    "token_endpoint", issuer + "/protocol/openid-connect/token",
                    "subject_types_supported", List.of("public"),
                    "response_types_supported", List.of("code"),
                    "id_token_signing_alg_values_supported", List.of("RS256")));
            byte[] jwks = JSON.writeValueAsBytes(Map.of("keys", List.of(Map.of(
                    "kty", "RSA", "kid", KEY_ID, "use", "sig", "alg", "RS256",
                    "n", base64(unsigned(publicKey.getModulus())),
                    "e", base64(unsigned(publicKey.getPublicExponent()))))));
            server.createContext("/realms/learning-loop/.well-known/openid-configuration",
                    exchange -> answer(exchange, discovery));
            server.createContext("/realms/learning-loop/protocol/openid-connect/certs", exchange -> answer(exchange, jwks));
            server.setExecutor(null);
            server.start();
            System.setProperty(ISSUER_PROPERTY, issuer);
            System.setProperty(KEY_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
            System.out.printf("[loop-test] OIDC test issuer at %s%n", issuer);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test identity provider", e);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String encoded) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
