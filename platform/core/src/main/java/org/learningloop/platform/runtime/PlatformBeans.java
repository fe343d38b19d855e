package org.learningloop.platform.runtime;

import org.learningloop.platform.config.LoopConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.learningloop.platform.command.CommandHandler;
import org.learningloop.platform.command.Creation;
import org.learningloop.platform.eventstore.EventStore;
import org.learningloop.platform.observability.LoopMetrics;
import org.learningloop.platform.outbox.OutboxWakeUp;
import org.learningloop.platform.privacy.TextCipher;
import org.learningloop.platform.privacy.TextKeys;

import java.time.Clock;

/** The platform's plain-Java mechanics as CDI beans. */
public class PlatformBeans {

    @Produces
    @ApplicationScoped
    EventStore eventStore(Pool pool) {
        return new EventStore(new OutboxWakeUp(pool));
    }

    @Produces
    @ApplicationScoped
    LoopMetrics loopMetrics(MeterRegistry registry) {
        return new LoopMetrics(registry);
    }

    @Produces
    @ApplicationScoped
    CommandHandler commandHandler(Pool pool, EventStore store, LoopMetrics metrics, TextKeys textKeys, LoopConfig config) {
        return new CommandHandler(pool, store, metrics, textKeys, config.commands().foldedStates());
    }

    @Produces
    @ApplicationScoped
    TextKeys textKeys(LoopConfig config) {
        String key = config.personalData().textKey();
        if (LoopConfig.PersonalData.LOCAL_TEXT_KEY.equals(key)) {
            org.jboss.logging.Logger.getLogger(TextKeys.class).warnf("loop.personal-data.text-key is the local "
                    + "default: set LOOP_PERSONAL_DATA_TEXT_KEY to a secret of your own (docs/privacy.md)");
        }
        return new TextKeys(new TextCipher(key), config.serviceName());
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
