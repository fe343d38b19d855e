package org.learningloop.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server for tests and local runs: real embedded binaries by default, or an existing
 * server when a URL is given ({@code postgresql://user:password@host:port}).
 */
public final class Postgres implements AutoCloseable {

    private volatile EmbeddedPostgres embedded;
    private final Path dataDirectory;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, Path dataDirectory, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts embedded PostgreSQL.
     *
     * @param dataDirectory where the cluster lives; {@code null} for a throw-away one
     * @param port 0 for a free port
     */
    public static Postgres embedded(Path dataDirectory, int port) {
        // a free port can be taken by another process before PostgreSQL binds it: try fresh ones
        for (int attempt = 1; ; attempt++) {
            try {
                return start(dataDirectory, port);
            } catch (UncheckedIOException e) {
                if (port != 0 || attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private static Postgres start(Path dataDirectory, int port) {
        EmbeddedPostgres pg = startEmbedded(dataDirectory, port == 0 ? KafkaBroker.freePort() : port);
        return new Postgres(pg, dataDirectory, "127.0.0.1", pg.getPort(), "postgres", "postgres");
    }

    private static EmbeddedPostgres startEmbedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setPort(port)
                    .setServerConfig("max_connections", "300")
                    // data kept between runs (bin/loop) is durable: a commit answered 2xx, whose events the relay may
                    // already have published, survives a crash; throw-away test data skips the disk flushes
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory.toFile()).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }

    /** Uses a running server, e.g. {@code postgresql://postgres:secret@127.0.0.1:5432}. */
    public static Postgres external(String url) {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String userInfo = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        String[] credentials = userInfo.split(":", 2);
        return new Postgres(null, null, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                credentials[0], credentials.length > 1 ? credentials[1] : "");
    }

    /** Embedded unless {@code url} names a server. */
    public static Postgres fromUrlOrEmbedded(String url, Path dataDirectory, int port) {
        return url == null || url.isBlank() ? embedded(dataDirectory, port) : external(url);
    }

    /** Creates the database unless it exists. */
    public void createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + host + ":" + port, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /**
     * Kills the embedded server as a crash would: SIGKILL to the postmaster and every backend at once, nothing
     * flushed or shut down. Its data directory stays for {@link #restart()}, which then runs crash recovery. Only
     * for a server whose data directory is kept (a throw-away one has nothing to recover).
     */
    public synchronized void kill() {
        requireKeptData("kill");
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid())
                .orElseThrow(() -> new IllegalStateException("PostgreSQL is not running in " + dataDirectory));
        List<ProcessHandle> all = new ArrayList<>();
        all.add(postmaster);
        postmaster.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : all) {
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("PostgreSQL process " + process.pid() + " did not die", e);
            }
        }
        try {
            embedded.close(); // its stop fails (nothing left to stop); this releases the data directory's lock
        } catch (IOException e) {
            // nothing was running: as expected
        }
    }

    /** Starts the embedded server again on its data directory and port, after {@link #kill()} or a close. */
    public synchronized void restart() {
        requireKeptData("restart");
        embedded = startEmbedded(dataDirectory, port);
    }

    private void requireKeptData(String what) {
        if (embedded == null || dataDirectory == null) {
            throw new IllegalStateException("Only an embedded PostgreSQL with a kept data directory can " + what);
        }
    }

    private long postmasterPid() {
        try {
            // postmaster.pid: the postmaster's pid on its first line
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not running in " + dataDirectory, e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
