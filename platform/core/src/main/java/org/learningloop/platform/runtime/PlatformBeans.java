package org.learningloop.platform.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.observability.LoopMetrics;

import java.time.Clock;

/** The platform's plain-Java mechanics as CDI beans. */
public class PlatformBeans {

    @Produces
    @ApplicationScoped
    EventStore eventStore() {
        return new EventStore();
    }

    @Produces
    @ApplicationScoped
    LoopMetrics loopMetrics(MeterRegistry registry) {
        return new LoopMetrics(registry);
    }

    @Produces
    @ApplicationScoped
    CommandHandler commandHandler(Pool pool, EventStore store, LoopMetrics metrics) {
        return new CommandHandler(pool, store, metrics);
    }

    @Produces
    @ApplicationScoped
    Creation creation(CommandHandler handler) {
        return new Creation(handler);
    }

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
