package org.learningloop.platform;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.learningloop.infra.Postgres;
import org.learningloop.testing.Infrastructure;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** A fresh database with the platform's schema, reachable both reactively and by JDBC. */
public final class TestDatabase implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Pool pool;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    public TestDatabase() {
        String name = Infrastructure.newDatabase("platform");
        Postgres server = Infrastructure.postgres();
        dataSource.setURL(server.jdbcUrl(name));
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
        PgConnectOptions connect = new PgConnectOptions().setHost(server.host()).setPort(server.port())
                .setDatabase(name).setUser(server.user()).setPassword(server.password());
        pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(16)).connectingTo(connect)
                .using(vertx).build());
    }

    public Pool pool() {
        return pool;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.close();
    }
}
