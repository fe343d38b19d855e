package org.learningloop.goal.scoreboard;

import org.learningloop.contracts.Periods;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.learningloop.testing.SignedIn;
import org.learningloop.contracts.goal.Cadence;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures the scoreboard (prints, asserts no time): a team with three years of weekly history among 207
 * other teams with the same, read 200 times; and the projection's throughput for activities carried out.
 * Run with {@code mvn -o test -pl goal-service -Dtest=ScoreboardBench -Dgroups=bench -DexcludedGroups=none}.
 */
@QuarkusTest
@Tag("bench")
class ScoreboardBench {

    private static final int WEEKS = 150;
    private static final int OTHER_TEAMS = 200;
    private static final int TEAMS_IN_UNIT = 8;
    private static final int ACTIVITIES_PER_WEEK = 8;
    private static final int REQUESTS = 200;
    private static final int WARM_UP = 200;
    private static final int PUBLISHED_ACTIVITIES = 1000;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL base;

    @Test
    void teamScoreboardWithThreeYearsOfHistory() throws Exception {
        UUID team = UUID.randomUUID();
        UUID unit = UUID.randomUUID();
        String prefix = "bench-" + team;
        long loadStart = System.nanoTime();
        load(team, unit, prefix);
        System.out.printf("BENCH loaded in %d ms: %s%n", (System.nanoTime() - loadStart) / 1_000_000, sizes());

        String currentWeek = Periods.of(LocalDate.now(ZoneId.of("Europe/Stockholm")), Cadence.WEEK);
        HttpClient http = HttpClient.newHttpClient();
        URI teamBoard = base.toURI().resolve("teams/" + team + "/scoreboard?week=" + currentWeek);
        URI unitBoard = base.toURI().resolve("units/" + unit + "/scoreboard?week=" + currentWeek);
        String body = get(http, teamBoard);
        assertThat(body).contains("\"leadMeasures\"").contains(currentWeek);
        System.out.printf("BENCH team scoreboard: %d bytes%n", body.length());

        report("GET /teams/{id}/scoreboard", http, teamBoard);
        report("GET /units/{id}/scoreboard (" + TEAMS_IN_UNIT + " teams)", http, unitBoard);

        // through the projection: activities as activity-service publishes them, for the team's first lead measure
        List<String> ids = new ArrayList<>();
        long publishStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (int i = 0; i < PUBLISHED_ACTIVITIES; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String payload = """
                        {"activityId": "%s", "teamId": "%s", "unitId": "%s", "activityType": "%s-1", "carriedOutAt": "%s"}"""
                        .formatted(UUID.randomUUID(), team, unit, prefix, Instant.now());
                ProducerRecord<String, String> record = new ProducerRecord<>("loop.activities", team.toString(), payload);
                for (String[] header : new String[][]{{"ce_specversion", "1.0"}, {"ce_id", id},
                        {"ce_type", "activity.carried-out.v1"}, {"ce_source", "/activity-service"},
                        {"ce_subject", team.toString()}, {"ce_time", Instant.now().toString()}}) {
                    record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
                }
                producer.send(record);
            }
            producer.flush();
        }
        String last = ids.get(ids.size() - 1);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> pool
                .preparedQuery("select 1 from inbox where consumer = $1 and event_id = $2")
                .execute(Tuple.of(ScoreboardProjection.CONSUMER, UUID.fromString(last)))
                .map(rows -> rows.size() == 1).await().indefinitely());
        long projected = (System.nanoTime() - publishStart) / 1_000_000;
        System.out.printf("BENCH projection: %d activities published and applied in %d ms (%.0f events/s)%n",
                PUBLISHED_ACTIVITIES, projected, PUBLISHED_ACTIVITIES * 1000.0 / projected);

        UUID[] measures = pool.preparedQuery("select lead_measure_id from scoreboard_lead_measure where team_id = $1 and status = 'active'")
                .execute(Tuple.of(team)).await().indefinitely().stream().map(row -> row.getUUID(0)).toArray(UUID[]::new);
        System.out.println("BENCH plan of the weeks query:");
        pool.preparedQuery("""
                        explain analyze select * from scoreboard_lead_week
                        where lead_measure_id = any($1) and week >= $2 and week <= $3""")
                .execute(Tuple.tuple().addArrayOfUUID(measures)
                        .addString(Periods.of(LocalDate.now().minusWeeks(11), Cadence.WEEK)).addString(currentWeek))
                .await().indefinitely()
                .forEach(row -> System.out.println("BENCH   " + row.getString(0)));
    }

    private void report(String what, HttpClient http, URI uri) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            get(http, uri);
        }
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            get(http, uri);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("BENCH %s over %d requests (after %d to warm up): median %.2f ms, p95 %.2f ms, max %.2f ms; "
                        + "load average %s%n", what, REQUESTS, WARM_UP, nanos[REQUESTS / 2] / 1e6,
                nanos[(int) Math.ceil(REQUESTS * 0.95) - 1] / 1e6, nanos[REQUESTS - 1] / 1e6, loadAverage());
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String get(HttpClient http, URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Authorization", SignedIn.bearer()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * The measured team (index 0) and 7 more teams in its unit, plus {@value OTHER_TEAMS} teams elsewhere, each with
     * 3 WIGs read monthly for 3 years, 4 active and 2 retired lead measures with {@value WEEKS} weeks of actuals;
     * the measured team's activities are remembered one by one ({@value ACTIVITIES_PER_WEEK} a week per lead measure).
     */
    private void load(UUID team, UUID unit, String prefix) {
        sql("""
                insert into scoreboard_team (team_id, unit_id, name, since)
                select case when i = 0 then $1 else gen_random_uuid() end,
                       case when i < $3 then $2 else gen_random_uuid() end, $4 || '-team-' || i, now()
                from generate_series(0, $5) i""", team, unit, TEAMS_IN_UNIT, prefix, TEAMS_IN_UNIT + OTHER_TEAMS - 1);
        sql("""
                insert into scoreboard_wig (wig_id, team_id, unit_id, title, metric, lag_unit, lag_from, lag_to, start_date,
                                            deadline, cadence, status, defined_at)
                select gen_random_uuid(), team_id, unit_id, 'WIG ' || n, 'net-new-members', 'members/month', 10, 30,
                       current_date - 1095, current_date + 180, 'month', 'active', now() + n * interval '1 second'
                from scoreboard_team, generate_series(1, 3) n where name like $1 || '-team-%'""", prefix);
        sql("""
                insert into scoreboard_lag_reading (wig_id, period, value)
                select w.wig_id, to_char(current_date - m * interval '1 month', 'YYYY-MM'), 10 + (36 - m) * 0.5
                from scoreboard_wig w join scoreboard_team t using (team_id), generate_series(0, 35) m
                where t.name like $1 || '-team-%'""", prefix);
        sql("""
                update scoreboard_wig w set (current_period, current_value) =
                    (select r.period, r.value from scoreboard_lag_reading r where r.wig_id = w.wig_id order by r.period desc limit 1)
                from scoreboard_team t where t.team_id = w.team_id and t.name like $1 || '-team-%'""", prefix);
        sql("""
                insert into scoreboard_lead_measure (lead_measure_id, wig_id, team_id, unit_id, name, activity_type,
                                                     weekly_target, status, since)
                select gen_random_uuid(), null, team_id, unit_id, 'Lead ' || n, $1 || '-' || n, 5 + n,
                       case when n <= 4 then 'active' else 'retired' end, now() + n * interval '1 second'
                from scoreboard_team, generate_series(1, 6) n where name like $1 || '-team-%'""", prefix);
        sql("""
                insert into scoreboard_lead_week (lead_measure_id, week, automatic, manual)
                select m.lead_measure_id, to_char(current_date - k * 7, 'IYYY-"W"IW'), $2, (k % 3)
                from scoreboard_lead_measure m join scoreboard_team t using (team_id), generate_series(0, $3) k
                where t.name like $1 || '-team-%'""", prefix, ACTIVITIES_PER_WEEK, WEEKS - 1);
        sql("""
                insert into scoreboard_counted_activity (lead_measure_id, activity_id, week)
                select w.lead_measure_id, gen_random_uuid(), w.week
                from scoreboard_lead_week w join scoreboard_lead_measure m using (lead_measure_id), generate_series(1, $3) a
                where m.team_id = $1 and m.status = 'active' and m.activity_type like $2 || '-%'""", team, prefix, ACTIVITIES_PER_WEEK);
        sql("analyze");
    }

    private String sizes() {
        StringBuilder sizes = new StringBuilder();
        for (String table : List.of("scoreboard_team", "scoreboard_wig", "scoreboard_lag_reading",
                "scoreboard_lead_measure", "scoreboard_lead_week", "scoreboard_counted_activity")) {
            Row row = pool.query("select count(*) from " + table).execute().await().indefinitely().iterator().next();
            sizes.append(table).append('=').append(row.getLong(0)).append(' ');
        }
        return sizes.toString().strip();
    }

    private void sql(String sql, Object... arguments) {
        pool.preparedQuery(sql).execute(Tuple.from(arguments)).await().indefinitely();
    }
}
