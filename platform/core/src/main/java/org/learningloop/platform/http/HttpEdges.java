package org.learningloop.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Requests the HTTP layer refuses before any resource sees them get the same {@code application/problem+json}
 * answer as everything else: a body larger than {@code quarkus.http.limits.max-body-size} (413), a request target
 * longer than {@link #MAX_URI_LENGTH} characters (414) and a path or query with a broken percent-escape (400).
 * It runs ahead of Quarkus' own body-size check (route order -2), which would answer with an empty body.
 * Targets longer than {@code quarkus.http.limits.max-initial-line-length} never reach a route: the server's
 * decoder answers those itself, so that limit is set well above this one.
 */
@ApplicationScoped
public class HttpEdges {

    /** The longest request target (path and query) a client may send, in characters. */
    public static final int MAX_URI_LENGTH = 8192;

    static final int ORDER = -100;

    void install(@Observes Router router) {
        long maxBody = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10L * 1024 * 1024);
        router.route().order(ORDER).handler(context -> check(context, maxBody));
    }

    private static void check(RoutingContext context, long maxBody) {
        HttpServerRequest request = context.request();
        String uri = request.uri();
        if (uri.length() > MAX_URI_LENGTH) {
            refuse(context, Problem.of(414, "uri-too-long", "URI too long", "The request target has " + uri.length()
                    + " characters; at most " + MAX_URI_LENGTH + " are accepted"), false);
            return;
        }
        if (!decodable(uri)) {
            refuse(context, Problem.of(400, "malformed-uri", "Malformed URI", "The path or query has a broken "
                    + "percent-escape (a % must be followed by two hexadecimal digits of a UTF-8 character)"), false);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length, maxBody)) {
            refuse(context, Problem.of(413, "content-too-large", "Content too large", "The request body is larger "
                    + "than the " + maxBody + " bytes a request may have"), true);
            return;
        }
        context.next();
    }

    private static boolean tooLong(String length, long maxBody) {
        try {
            return Long.parseLong(length.strip()) > maxBody;
        } catch (NumberFormatException e) {
            return false; // the HTTP decoder refuses it itself
        }
    }

    /** Whether every percent-escape of {@code uri} is two hex digits and the bytes they make are UTF-8. */
    static boolean decodable(String uri) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int high = i + 2 < uri.length() ? Character.digit(uri.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(uri.charAt(i + 2), 16);
            if (low < 0) {
                return false;
            }
            bytes.write(high * 16 + low);
            i += 2;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Answers {@code problem} as problem+json; {@code close} when the request's body is not read. */
    static void refuse(RoutingContext context, Problem problem, boolean close) {
        String path = context.request().path();
        Problem at = problem.at(path == null || path.length() > 300 ? null : path);
        var response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (close) {
            // the body is not read: the connection cannot carry another request after it
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(Json.encode(at));
    }
}
