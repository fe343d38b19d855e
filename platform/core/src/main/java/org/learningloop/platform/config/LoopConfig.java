package org.learningloop.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The platform's configuration ({@code loop.*}), the same keys in every service. */
@ConfigMapping(prefix = "loop")
public interface LoopConfig {

    /** The service's name; CloudEvents source is {@code /<name>}. */
    String serviceName();

    /** The organisation's time zone: weeks are ISO weeks there. */
    @WithDefault("Europe/Stockholm")
    ZoneId timeZone();

    Outbox outbox();

    Topics topics();

    PersonalData personalData();

    Commands commands();

    Http http();

    /** The API port. */
    interface Http {
        /**
         * The most requests the service works on at once; one more is answered 503 {@code overloaded} with
         * {@code Retry-After} at once (ADR 27). It bounds what waits for the database pool, so the heap and the
         * latency of what is admitted stay bounded whatever the service is offered.
         */
        @WithDefault("128")
        int maxInFlight();
    }

    /** The command loop. */
    interface Commands {
        /**
         * How many streams' folded states the service remembers, so a command on a long stream reads and folds only
         * the events after them (ADR 24); 0 folds every stream from its first event on every command.
         */
        @WithDefault("10000")
        int foldedStates();
    }

    /** Personal data (docs/privacy.md). */
    interface PersonalData {
        /** The name key's default, for local use only. */
        String LOCAL_NAME_KEY = "local-only-name-key";

        /**
         * The secret under which members' display names are fingerprinted, so that free text naming them can be
         * refused without the services holding the names; the same in every service. The default is for local use
         * only (the service warns at start).
         */
        @WithDefault(LOCAL_NAME_KEY)
        String nameKey();

        /** The text key's default, for local use only. */
        String LOCAL_TEXT_KEY = "local-only-text-key";

        /**
         * The secret under which the keys of sealed free text are wrapped (ADR 18), in the key tables and on
         * {@code loop.keys}; the same in every service, and backed up like the databases: without it no text can be
         * read. The default is for local use only (the service warns at start).
         */
        @WithDefault(LOCAL_TEXT_KEY)
        String textKey();

        /**
         * How long free text stays readable: a text key older than this is deleted, and its texts read as
         * {@code [erased]} everywhere (docs/privacy.md). Two years by default: a loop learns from the last few
         * months, the APT decides monthly, and a lead measure is judged over about a year.
         */
        @WithDefault("730d")
        Duration textRetention();

        /** How often the retention looks for text keys past it. */
        @WithDefault("1h")
        Duration textRetentionInterval();
    }

    /** The outbox relay. */
    interface Outbox {
        /** Whether this service publishes (reporting-service owns no streams). */
        @WithDefault("true")
        boolean enabled();

        /** The topic the service's events go to, e.g. {@code loop.goals}. */
        Optional<String> topic();

        @WithDefault("500")
        int batchSize();

        /** The safety-net poll when no notification arrives. */
        @WithDefault("1s")
        Duration pollInterval();

        /** How often a standby replica tries to take over publishing. */
        @WithDefault("1s")
        Duration takeoverInterval();

        /** The longest pause after a failure. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * Where analysts reach this service's {@code GET /schemas/{type}}: every record's {@code ce_dataschema} is
         * {@code <schemas-url>/schemas/<type>}.
         */
        @WithDefault("http://127.0.0.1:${quarkus.http.port}")
        String schemasUrl();
    }

    /** Topics this service makes sure exist at start, created explicitly (never by broker auto-creation). */
    interface Topics {
        /** Every topic the service writes or reads, dead-letter topics included. */
        List<String> ensure();

        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        /** {@code min.insync.replicas}; unset leaves the broker's default. */
        Optional<Integer> minInsyncReplicas();

        /**
         * How long a dead-letter topic ({@code loop.dlq.<service>}) keeps a record: copies of refused events, free
         * text included, so not forever like the event topics (docs/privacy.md). Re-publish a fixed record within it.
         */
        @WithDefault("30d")
        Duration deadLetterRetention();

        /** Whether to create missing topics at start (off where an operator such as Strimzi owns them). */
        @WithDefault("true")
        boolean create();
    }
}
