package org.learningloop.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.learningloop.infra.Postgres;

import java.util.Map;

/** Gives the service under test its own fresh database on the test JVM's real PostgreSQL. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = Infrastructure.newDatabase("test");
        Postgres server = Infrastructure.postgres();
        return Map.of(
                "quarkus.datasource.reactive.url", server.reactiveUrl(database),
                "quarkus.datasource.jdbc.url", server.jdbcUrl(database),
                "quarkus.datasource.username", server.user(),
                "quarkus.datasource.password", server.password());
    }

    @Override
    public void stop() {
        // the server outlives the suite; each suite has its own database
    }
}
