package org.learningloop.testing;

import org.learningloop.infra.KafkaBroker;
import org.learningloop.infra.Postgres;

import java.nio.file.Path;
import java.util.UUID;

/**
 * The real PostgreSQL and the real Kafka broker of one test JVM, started on first use and stopped
 * when the JVM ends. Set {@code LOOP_TEST_DATABASE_URL} (e.g. {@code postgresql://postgres:secret@127.0.0.1:5432})
 * to run against an existing server instead of embedded PostgreSQL.
 */
public final class Infrastructure {

    private static Postgres postgres;
    private static KafkaBroker kafka;

    private Infrastructure() {
    }

    public static synchronized Postgres postgres() {
        if (postgres == null) {
            String url = System.getenv("LOOP_TEST_DATABASE_URL");
            postgres = Postgres.fromUrlOrEmbedded(url, null, 0);
            System.out.printf("[loop-test] PostgreSQL %s at %s:%d%n",
                    postgres.isEmbedded() ? "(embedded, real binaries) started" : "server in use", postgres.host(), postgres.port());
            Postgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-postgres"));
        }
        return postgres;
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            Path dir = Path.of("target", "kafka-broker-" + UUID.randomUUID().toString().substring(0, 8));
            long started = System.nanoTime();
            kafka = KafkaBroker.start(dir, 0);
            System.out.printf("[loop-test] Kafka broker (KRaft, real) started at %s in %d ms, pid %d, log %s%n",
                    kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000, kafka.pid(), kafka.logFile());
            KafkaBroker broker = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "stop-kafka"));
        }
        return kafka;
    }

    /** A new, empty database on the shared server; its name. */
    public static String newDatabase(String prefix) {
        return newDatabase(postgres(), prefix);
    }

    /** A new, empty database on {@code server}; its name. */
    public static String newDatabase(Postgres server, String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase();
        server.createDatabase(name);
        return name;
    }
}
