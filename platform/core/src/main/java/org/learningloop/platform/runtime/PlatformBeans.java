package org.learningloop.platform.runtime;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.eventstore.EventStore;

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
    CommandHandler commandHandler(Pool pool, EventStore store) {
        return new CommandHandler(pool, store);
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
