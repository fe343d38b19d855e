package org.learningloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's HTTP conventions against a small local server: If-Match from a fresh read, 412 retried, problems. */
class LoopClientTest {

    private HttpServer server;
    private LoopClient client;
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger version = new AtomicInteger(1);
    private final AtomicInteger staleAnswersLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/things/1", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " if-match="
                    + exchange.getRequestHeaders().getFirst("If-Match") + " key="
                    + exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            if (exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().add("ETag", "\"" + version.get() + "\"");
                answer(exchange, 200, "application/json", "{\"id\":\"1\",\"status\":\"planned\"}");
            } else if (staleAnswersLeft.getAndDecrement() > 0) {
                version.incrementAndGet();
                answer(exchange, 412, "application/problem+json", "{\"status\":412,\"code\":\"stale\"}");
            } else {
                answer(exchange, 200, "application/json", "{\"id\":\"1\",\"status\":\"carried-out\"}");
            }
        });
        server.createContext("/refused", exchange -> answer(exchange, 422, "application/problem+json",
                "{\"status\":422,\"code\":\"segment-not-found\",\"detail\":\"There is no segment x\"}"));
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        client = new LoopClient(new LoopClient.Endpoints(base, base, base, base), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void change_sendsTheETagJustRead_andReadsAgainAfterA412() {
        staleAnswersLeft.set(2);
        var answer = client.change(client.endpoints().goal(), "POST", "/things/1", "/things/1", client.object());

        assertThat(answer.path("status").asText()).isEqualTo("carried-out");
        assertThat(requests).containsExactly(
                "GET /things/1 if-match=null key=null", "POST /things/1 if-match=\"1\" key=null",
                "GET /things/1 if-match=null key=null", "POST /things/1 if-match=\"2\" key=null",
                "GET /things/1 if-match=null key=null", "POST /things/1 if-match=\"3\" key=null");
    }

    @Test
    void changeIf_leavesAChangeMadeAlreadyAlone() {
        var answer = client.changeIf(client.endpoints().goal(), "POST", "/things/1", "/things/1", client.object(),
                current -> "carried-out".equals(current.path("status").asText()));

        assertThat(answer.path("status").asText()).isEqualTo("planned");
        assertThat(requests).containsExactly("GET /things/1 if-match=null key=null");
    }

    @Test
    void create_carriesTheIdempotencyKey() {
        client.create(client.endpoints().goal(), "/things/1", client.object(), "demo:1:unit");

        assertThat(requests).containsExactly("POST /things/1 if-match=null key=demo:1:unit");
    }

    @Test
    void aProblemAnswer_isAnApiProblemWithItsCode() {
        assertThatThrownBy(() -> client.post(client.endpoints().goal(), "/refused", client.object()))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.code()).isEqualTo("segment-not-found");
                    assertThat(problem.getMessage()).contains("There is no segment x");
                });
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
