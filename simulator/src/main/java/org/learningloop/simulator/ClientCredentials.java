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
 * Access tokens of an OAuth 2.0 client by the client-credentials grant at an OIDC issuer's token endpoint
 * (Keycloak: {@code <issuer>/protocol/openid-connect/token}), each kept until shortly before it expires. The demo
 * loader signs in this way ({@code LOOP_OIDC_ISSUER}, {@code LOOP_OIDC_CLIENT_ID}, {@code LOOP_OIDC_CLIENT_SECRET}).
 */
public final class ClientCredentials implements Supplier<String> {

    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentials(String issuer, String clientId, String clientSecret) {
        this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** From {@code LOOP_OIDC_ISSUER}, {@code LOOP_OIDC_CLIENT_ID} and {@code LOOP_OIDC_CLIENT_SECRET}. */
    public static ClientCredentials fromEnvironment() {
        return new ClientCredentials(
                env("LOOP_OIDC_ISSUER", "http://127.0.0.1:8180/realms/learning-loop"),
                env("LOOP_OIDC_CLIENT_ID", "learning-loop-demo"),
                env("LOOP_OIDC_CLIENT_SECRET", ""));
    }

    @Override
    public synchronized String get() {
        if (token == null || Instant.now().isAfter(renewAt)) {
            renew();
        }
        return token;
    }

    private void renew() {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Signing in as " + clientId + " at " + tokenEndpoint + " failed: "
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
