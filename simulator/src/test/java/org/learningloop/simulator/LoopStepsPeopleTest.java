package org.learningloop.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A step taken {@link LoopSteps#as as} a person is sent with that person's token, and the client's own identity is
 * back afterwards; a 403 (the services may not know of a new member yet) is retried, any other refusal is not.
 */
class LoopStepsPeopleTest {

    private static final UUID PERSON = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID STRANGER = UUID.fromString("99999999-2222-3333-4444-555555555555");

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private LoopSteps steps;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            int status;
            synchronized (statuses) {
                status = statuses.isEmpty() ? 201 : statuses.poll();
            }
            String body = status == 201 ? "{\"id\":\"" + UUID.randomUUID() + "\"}"
                    : "{\"status\":" + status + ",\"code\":\"" + (status == 403 ? "forbidden" : "validation-failed") + "\"}";
            exchange.getResponseHeaders().add("Content-Type", status == 201 ? "application/json" : "application/problem+json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        Map<UUID, Supplier<String>> people = Map.of(PERSON, () -> "person-token");
        steps = new LoopSteps(new LoopClient(new LoopClient.Endpoints(base, base, base, base), new ObjectMapper(),
                () -> "admin-token"), person -> Optional.ofNullable(people.get(person)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aPersonsStepCarriesTheirToken_andTheClientsOwnIdentityIsBackAfterwards() {
        steps.as(PERSON, () -> steps.team("k1", UUID.randomUUID(), "Team A"));
        steps.team("k2", UUID.randomUUID(), "Team B");
        steps.as(STRANGER, () -> steps.team("k3", UUID.randomUUID(), "Team C"));

        assertThat(authorizations).containsExactly("Bearer person-token", "Bearer admin-token", "Bearer admin-token");
    }

    @Test
    void aStepRefusedWith403IsTakenAgain_untilThePersonIsKnown() {
        synchronized (statuses) {
            statuses.addAll(List.of(403, 403));
        }
        UUID id = steps.as(PERSON, () -> steps.team("k1", UUID.randomUUID(), "Team A"));

        assertThat(id).isNotNull();
        assertThat(authorizations).hasSize(3).containsOnly("Bearer person-token");
    }

    @Test
    void anyOtherRefusalIsNotRetried() {
        synchronized (statuses) {
            statuses.add(400);
        }
        assertThatThrownBy(() -> steps.as(PERSON, () -> steps.team("k1", UUID.randomUUID(), "Team A")))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("400");
        assertThat(authorizations).hasSize(1);
    }
}
