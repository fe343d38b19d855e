package org.learningloop.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackTest {

    @TempDir
    Path temp;

    @Test
    void settingsDefaultToDotLoopAndTheUsualPorts() {
        LocalStack.Settings settings = LocalStack.Settings.fromEnv(Map.of(), temp);

        assertEquals(temp.resolve(".loop"), settings.home());
        assertNull(settings.databaseUrl());
        assertEquals(15432, settings.postgresPort());
        assertEquals(9092, settings.kafkaPort());
        assertEquals(temp.resolve(".loop/postgres"), settings.postgresDirectory());
        assertEquals(temp.resolve(".loop/kafka"), settings.kafkaDirectory());
        assertEquals(temp.resolve(".loop/stack.env"), settings.envFile());
    }

    @Test
    void settingsFollowTheEnvironment() {
        LocalStack.Settings settings = LocalStack.Settings.fromEnv(Map.of(
                "LOOP_HOME", "state",
                "LOOP_DATABASE_URL", "postgresql://postgres:secret@127.0.0.1:5432",
                "LOOP_POSTGRES_PORT", "25432",
                "LOOP_KAFKA_PORT", "19092"), temp);

        assertEquals(temp.resolve("state"), settings.home());
        assertEquals("postgresql://postgres:secret@127.0.0.1:5432", settings.databaseUrl());
        assertEquals(25432, settings.postgresPort());
        assertEquals(19092, settings.kafkaPort());
    }

    @Test
    void aPortThatIsNoPortIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> LocalStack.Settings.fromEnv(Map.of("LOOP_KAFKA_PORT", "ninety"), temp));
        assertThrows(IllegalArgumentException.class,
                () -> LocalStack.Settings.fromEnv(Map.of("LOOP_POSTGRES_PORT", "70000"), temp));
    }

    @Test
    void theEnvFileEndsWithTheReadyMarkerAndLeavesNoTemporaryFile() throws Exception {
        Path file = temp.resolve("stack.env");
        Files.writeString(file, "stale\n");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        values.put("LOOP_PG_PASSWORD", "p=w");

        LocalStack.writeEnvFile(file, values);

        assertEquals(List.of("KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092", "LOOP_PG_PASSWORD=p=w", "LOOP_STACK_READY=1"),
                Files.readAllLines(file));
        assertFalse(Files.exists(temp.resolve("stack.env.tmp")));
    }

    @Test
    void embeddedPostgresGetsTheServiceDatabasesWhichSurviveARestart() throws Exception {
        LocalStack.Settings settings = new LocalStack.Settings(temp, null, 0, 0);

        try (Postgres postgres = LocalStack.startPostgres(settings)) {
            LocalStack.createDatabases(postgres);
            LocalStack.createDatabases(postgres); // idempotent
            assertTrue(databases(postgres).containsAll(LocalStack.DATABASES));
        }
        try (Postgres again = LocalStack.startPostgres(settings)) {
            assertTrue(databases(again).containsAll(LocalStack.DATABASES), "the data directory is reused");
        }
    }

    @Test
    void embeddedPostgresWithKeptData_answersACommitOnlyOnceItIsOnDisk() throws Exception {
        LocalStack.Settings settings = new LocalStack.Settings(temp, null, 0, 0);

        try (Postgres postgres = LocalStack.startPostgres(settings);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(),
                     postgres.password());
             Statement statement = connection.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (ResultSet rows = statement.executeQuery("show " + setting)) {
                    rows.next();
                    assertEquals("on", rows.getString(1), setting);
                }
            }
        }
    }

    private static TreeSet<String> databases(Postgres postgres) throws Exception {
        TreeSet<String> names = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select datname from pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
