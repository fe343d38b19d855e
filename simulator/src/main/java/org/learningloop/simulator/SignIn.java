package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Access tokens from an OIDC issuer's token endpoint (Keycloak: {@code <issuer>/protocol/openid-connect/token}), each
 * kept until shortly before it expires: a client's own by the client-credentials grant (the demo loader, an org
 * admin: {@code LOOP_OIDC_ISSUER}, {@code LOOP_OIDC_CLIENT_ID}, {@code LOOP_OIDC_CLIENT_SECRET}), or a person's by
 * the password grant (the demo's people in the local realm, {@link DemoPeople}).
 */
public final class SignIn implements Supplier<String> {

    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI tokenEndpoint;
    private final String who;
    private final String form;
    private String token;
    private Instant renewAt = Instant.MIN;

    private SignIn(String issuer, String who, String form) {
        this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token");
        this.who = who;
        this.form = form;
    }

    /** The client's own tokens (client-credentials grant). */
    public static SignIn clientCredentials(String issuer, String clientId, String clientSecret) {
        return new SignIn(issuer, clientId, "grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(clientSecret));
    }

    /** A person's tokens through a public client (password grant: local demo users only). */
    public static SignIn password(String issuer, String clientId, String username, String password) {
        return new SignIn(issuer, username, "grant_type=password&client_id=" + encode(clientId) + "&username="
                + encode(username) + "&password=" + encode(password));
    }

    /** The demo loader's client from {@code LOOP_OIDC_ISSUER}, {@code LOOP_OIDC_CLIENT_ID} and {@code LOOP_OIDC_CLIENT_SECRET}. */
    public static SignIn fromEnvironment() {
        return clientCredentials(issuerFromEnvironment(), env("LOOP_OIDC_CLIENT_ID", "learning-loop-demo"),
                env("LOOP_OIDC_CLIENT_SECRET", ""));
    }

    static String issuerFromEnvironment() {
        return env("LOOP_OIDC_ISSUER", "http://127.0.0.1:8180/realms/learning-loop");
    }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            renew();
        }
        return token;
    }

    private void renew() {
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Signing in as " + who + " at " + tokenEndpoint + " failed: "
                        + response.statusCode() + " " + response.body());
            }
            JsonNode answer = json.readTree(response.body());
            token = answer.path("access_token").asText();
            long lifetime = answer.path("expires_in").asLong(60);
            renewAt = Instant.now().plusSeconds(lifetime).minus(MARGIN);
        } catch (IOException e) {
            throw new UncheckedIOException("Signing in at " + tokenEndpoint + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
