package org.learningloop.platform.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.learningloop.platform.config.LoopConfig;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission control on the API port (ADR 27): at most {@code loop.http.max-in-flight} requests are worked on at once.
 * One more is answered at once, before any other work (no token verified, no connection of the database pool
 * waited for), with 503 {@code overloaded} and {@code Retry-After: 1}.
 * <p>
 * Without it a service offered more requests than it can answer queues them all (in the database pool's wait queue)
 * until its heap is full: goal-service at twice its scoreboard capacity ran out of heap within a minute and never
 * answered again (issue 15's R15). With it the queue, and the latency of what is admitted, stay bounded, and the
 * service answers at its capacity whatever it is offered.
 * <p>
 * The management port (health, metrics) has a router of its own: probes are never refused. A request counts until
 * its answer is sent or its connection closes.
 */
@ApplicationScoped
public class Admission {

    /** Ahead of every other route, {@link HttpEdges}' checks included: refusing is the cheapest answer there is. */
    private static final int ORDER = HttpEdges.ORDER - 10;
    /** Seconds a refused client is asked to wait. */
    static final String RETRY_AFTER = "1";

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter refused;

    public Admission(LoopConfig config, MeterRegistry registry) {
        int limit = config.http().maxInFlight();
        if (limit < 1) {
            throw new IllegalArgumentException("loop.http.max-in-flight must be at least 1, not " + limit);
        }
        this.limit = limit;
        Gauge.builder("loop.http.in.flight", inFlight, AtomicInteger::get)
                .description("Requests of the API port being worked on").register(registry);
        Gauge.builder("loop.http.in.flight.limit", () -> this.limit)
                .description("The most requests of the API port worked on at once (loop.http.max-in-flight)")
                .register(registry);
        refused = Counter.builder("loop.http.refused").tag("reason", "overloaded")
                .description("Requests answered 503 overloaded: the service was working on as many as it may")
                .register(registry);
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::admit);
    }

    private void admit(RoutingContext context) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refused.increment();
            context.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER);
            HttpEdges.refuse(context, Problem.of(503, "overloaded", "Service overloaded", "The service is working on "
                    + "as many requests as it may (" + limit + "). Try again after Retry-After seconds: nothing was "
                    + "done with this request"), hasBody(context));
            return;
        }
        // called once, when the answer is sent or the connection closed or failed before it was
        context.addEndHandler(done -> inFlight.decrementAndGet());
        context.next();
    }

    /** A body not read leaves the connection unusable for another request. */
    private static boolean hasBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || (length != null && !length.strip().equals("0"));
    }
}
