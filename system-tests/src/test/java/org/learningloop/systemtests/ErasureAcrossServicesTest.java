package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.Periods;
import org.learningloop.contracts.SealedText;
import org.learningloop.infra.Postgres;
import org.learningloop.platform.privacy.TextCipher;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.testing.SignedIn;
import org.learningloop.testing.TestIdentityProvider;
import org.learningloop.testing.TopicReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The right to erasure across the four packaged services (issue 12, ADR 18). A member with a distinctive name is
 * named (by id) in feedback, writes feedback, a learning and a coaching note, commits at a WIG meeting and takes part
 * in a planned activity; then an org admin erases them. Before, every such text is readable: in the answers, and by
 * whoever holds a service's text keys, in every table, topic and export. After, a scan of every text and JSON column
 * of every table of every service database, every record (value and headers) of every topic from offset 0, dead
 * letters included, the analysts' NDJSON and CSV exports, the team's history and state and the services' logs finds
 * no readable copy of the name or of any of those texts — decrypting every sealed text with every key any service
 * still holds or the keys topic still carries — while a colleague's own text stays readable. A rebuild of reporting's
 * projections from offset 0 afterwards completes and still finds none.
 */
class ErasureAcrossServicesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** The text key the services run with here (the platform's local default). */
    private static final TextCipher CIPHER = new TextCipher("local-only-text-key");

    @Test
    void anErasedMember_hasNoReadableCopyAnywhere_andAColleaguesTextStaysReadable() throws Exception {
        RunningSystem system = RunningSystem.get();
        LoopSteps steps = system.steps();
        LoopClient client = steps.client();
        var endpoints = client.endpoints();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String run = "erasure-" + tag;
        String name = "Quillon Zephyrsecr" + tag.replaceAll("[0-9]", "x");
        LocalDate today = LocalDate.now(ZONE);

        UUID subject = UUID.randomUUID();
        UUID colleague = UUID.randomUUID();
        UUID unit = steps.unit(run + ":unit", "Erasure region " + tag, subject);
        UUID team = steps.team(run + ":team", unit, "Erasure team " + tag);
        steps.member(team, subject, name, "member");
        steps.member(team, colleague, "Colleague Vantorel", "team-lead");
        UUID wig = steps.wig(run + ":wig", "From 5 to 15 net new members a month", team, unit, null,
                "net new members per month", 5, 15, today.minusMonths(1), today.plusMonths(6));
        UUID leadMeasure = steps.activeLeadMeasure(run + ":lead", wig, "Safety rounds", "safety-round", 3,
                "Safety rounds bring members");
        UUID design = steps.design(run + ":design", unit, team, "Erasure round", "safety-round", leadMeasure,
                List.of("call-centre"), "Employees see what the union does", List.of("Introduce ourselves"),
                List.of("Pay"), "Short rounds work");

        // the texts that concern the member: about them, by them, or with them taking part
        Map<String, String> erasable = new TreeMap<>();
        erasable.put("preparation", "Erasable preparation " + tag + ": meet at the gate");
        erasable.put("feedback about them", "Erasable feedback about them " + tag);
        erasable.put("feedback by them", "Erasable feedback by them " + tag);
        erasable.put("insight", "Erasable insight " + tag + ": breaks are the time to talk");
        erasable.put("commitment", "Erasable commitment " + tag + ": visit the night shift");
        erasable.put("coaching note", "Erasable coaching note " + tag + ": ask more, tell less");
        String kept = "Kept feedback of a colleague to themself " + tag;

        ObjectNode plan = client.object().put("teamId", team.toString()).put("unitId", unit.toString())
                .put("designId", design.toString()).put("leadMeasureId", leadMeasure.toString())
                .put("scheduledAt", Instant.now().minus(2, ChronoUnit.HOURS).toString())
                .put("preparation", erasable.get("preparation")).put("hypothesis", "The intention gets through");
        plan.putObject("workplace").put("reference", "E-" + tag).put("segment", "call-centre").put("employees", 40);
        plan.putArray("participants").add(subject.toString()).add(colleague.toString());
        UUID activity = UUID.fromString(client.create(endpoints.activity(), "/activities", plan, run + ":activity")
                .path("id").asText());
        steps.carryOut(activity, Instant.now().minus(1, ChronoUnit.HOURS), 4, 4, "yes", List.of(),
                Map.of("risksFound", 1));
        feedback(client, activity, colleague, subject, erasable.get("feedback about them"));
        feedback(client, activity, subject, colleague, erasable.get("feedback by them"));
        feedback(client, activity, colleague, colleague, kept);
        UUID learning = steps.as(subject, () -> UUID.fromString(client.create(endpoints.learning(),
                "/teams/" + team + "/learnings", client.object().put("insight", erasable.get("insight")),
                run + ":learning").path("id").asText()));
        String week = week(today);
        JsonNode meeting = steps.openWigMeeting(team, week);
        ObjectNode record = client.object();
        record.putArray("commitments").addObject().put("memberId", subject.toString())
                .put("what", erasable.get("commitment")).put("dueWeek", week(today.plusWeeks(1)));
        steps.recordWigMeeting(UUID.fromString(meeting.path("id").asText()), record);
        JsonNode apt = steps.openWorkplaceMeeting(unit, YearMonth.now(ZONE).toString());
        UUID aptId = UUID.fromString(apt.path("id").asText());
        steps.run(subject, () -> steps.coachingNote(aptId, erasable.get("coaching note"), team));

        // before: every text is readable where the services answer, and by whoever holds the keys
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(client.get(endpoints.learning(), "/learnings/" + learning).path("insight").asText())
                    .isEqualTo(erasable.get("insight"));
            assertThat(client.get(endpoints.activity(), "/activities/" + activity).toString())
                    .contains(erasable.get("feedback about them"), kept, erasable.get("preparation"));
            assertThat(history(client, team)).contains(erasable.get("feedback by them"), erasable.get("insight"), kept);
        });
        // free text is not analysts' data: their answers keep it sealed
        LoopClient analyst = client.as(() -> TestIdentityProvider.get().token(SignedIn.ANALYST, "analyst"));
        assertThat(analyst.get(endpoints.reporting(), "/teams/" + team + "/history?limit=200").toString())
                .contains("sealed:v1:").doesNotContain(kept, erasable.get("insight"));
        Map<String, List<String>> before = await().atMost(PATIENCE).until(
                () -> readableCopies(system, client, team, erasable, name, kept),
                found -> erasable.keySet().stream().allMatch(found::containsKey) && found.containsKey("kept"));
        assertThat(before.get("name")).as("the scan finds the display name where goal-service keeps it")
                .anySatisfy(where -> assertThat(where).startsWith("goal-service.staff_member"));

        // the erasure, one operation
        JsonNode erasure = client.post(endpoints.goal(), "/members/" + subject + "/erasure", null);
        System.out.printf("[erasure] before: readable copies %s; the erasure answered %s%n", counts(before), erasure);
        assertThat(erasure.path("erased").toString()).contains("display-name", "free-text");
        assertThat(erasure.path("texts").asInt()).as("events with texts about or by them").isGreaterThanOrEqualTo(6);
        JsonNode again = client.post(endpoints.goal(), "/members/" + subject + "/erasure", null);
        assertThat(again.path("alreadyErased").asBoolean()).isTrue();
        assertThat(again.path("texts").asInt()).isZero();

        // after: every service has deleted the keys, every answer reads [erased], the colleague's text stays
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String service : RunningSystem.SERVICES) {
                assertThat(count(system, service, "select count(*) from text_key where concerns @> array['"
                        + subject + "']::uuid[]")).as("%s's keys about the member", service).isZero();
            }
            assertThat(client.get(endpoints.learning(), "/learnings/" + learning).path("insight").asText())
                    .isEqualTo(SealedText.ERASED);
            String answer = client.get(endpoints.activity(), "/activities/" + activity).toString();
            assertThat(answer).contains(kept, SealedText.ERASED).doesNotContain(erasable.get("feedback about them"),
                    erasable.get("feedback by them"), erasable.get("preparation"));
            assertThat(history(client, team)).contains(kept).doesNotContain(erasable.values().toArray(String[]::new));
        });
        Map<String, List<String>> after = readableCopies(system, client, team, erasable, name, kept);
        assertThat(after.keySet()).as("readable copies after the erasure: %s", after).containsExactly("kept");
        System.out.printf("[erasure] after: readable copies %s%n", counts(after));

        // a rebuild of reporting's projections from offset 0 completes, and still finds none
        LoopClient ops = client.as(RunningSystem::opsToken);
        for (JsonNode projection : ops.get(endpoints.reporting(), "/admin/projections").path("projections")) {
            String projectionName = projection.path("name").asText();
            ops.post(endpoints.reporting(), "/admin/projections/" + projectionName + "/rebuild", null);
            ops.await(endpoints.reporting(), "/admin/projections/" + projectionName,
                    status -> status.path("rebuild").isNull() || status.path("rebuild").isMissingNode(), PATIENCE,
                    "the rebuild of " + projectionName + " to go live");
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(history(client, team)).contains(kept));
        Map<String, List<String>> rebuilt = readableCopies(system, client, team, erasable, name, kept);
        assertThat(rebuilt.keySet()).as("readable copies after the rebuild: %s", rebuilt).containsExactly("kept");
    }

    private static Map<String, Integer> counts(Map<String, List<String>> found) {
        Map<String, Integer> counts = new TreeMap<>();
        found.forEach((label, places) -> counts.put(label, places.size()));
        return counts;
    }

    private static void feedback(LoopClient client, UUID activity, UUID from, UUID to, String text) {
        ObjectNode body = client.object().put("fromMemberId", from.toString()).put("toMemberId", to.toString());
        body.putArray("items").addObject().put("category", "improve").put("element", "content").put("text", text);
        client.change(client.endpoints().activity(), "POST", "/activities/" + activity,
                "/activities/" + activity + "/feedback", body);
    }

    private static String week(LocalDate date) {
        return Periods.week(date);
    }

    /** Every page of the team's history in reporting-service, as the team's people read it. */
    private static String history(LoopClient client, UUID team) {
        StringBuilder all = new StringBuilder();
        String cursor = null;
        do {
            JsonNode page = client.get(client.endpoints().reporting(), "/teams/" + team + "/history?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            all.append(page);
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return all.toString();
    }

    /**
     * Where a readable copy of each text (and of the name) is: the plain text, or a sealed text that a key still held
     * by any service, or still carried by {@code loop.keys}, opens. Keys: the erasable texts' labels, {@code name},
     * {@code kept}; values: where each was found.
     */
    private static Map<String, List<String>> readableCopies(RunningSystem system, LoopClient client, UUID team,
                                                            Map<String, String> erasable, String name, String kept)
            throws Exception {
        Map<String, String> needles = new HashMap<>(erasable);
        needles.put("name", name);
        needles.put("kept", kept);
        Map<UUID, TextCipher.DataKey> keys = heldKeys(system);
        Map<String, List<String>> found = new TreeMap<>();
        Scanner scanner = (where, content) -> {
            if (content == null) {
                return;
            }
            StringBuilder readable = new StringBuilder(content);
            Matcher sealed = SealedText.TOKEN.matcher(content);
            while (sealed.find()) {
                TextCipher.DataKey key = keys.get(UUID.fromString(sealed.group(1)));
                if (key != null) {
                    CIPHER.unseal(key, sealed.group()).ifPresent(plain -> readable.append('\n').append(plain));
                }
            }
            String text = readable.toString();
            needles.forEach((label, needle) -> {
                if (text.contains(needle) || text.contains(needle.toLowerCase())) {
                    found.computeIfAbsent(label, ignored -> new ArrayList<>()).add(where);
                }
            });
        };
        for (String service : RunningSystem.SERVICES) {
            scanDatabase(system, service, scanner);
        }
        String kafka = system.kafka().bootstrapServers();
        for (String topic : topics(kafka)) {
            for (ConsumerRecord<String, String> record : TopicReader.readToEnd(kafka, topic)) {
                StringBuilder content = new StringBuilder(String.valueOf(record.key())).append('\n')
                        .append(record.value());
                for (Header header : record.headers()) {
                    content.append('\n').append(header.key()).append('=')
                            .append(new String(header.value(), StandardCharsets.UTF_8));
                }
                scanner.scan("topic " + topic, content.toString());
            }
        }
        String analyst = TestIdentityProvider.get().token(SignedIn.ANALYST, "analyst");
        scanner.scan("export events", raw(client.endpoints().reporting(), "/exports/events?teamId=" + team, analyst));
        scanner.scan("export activities.csv", raw(client.endpoints().reporting(),
                "/exports/activities.csv?teamId=" + team, analyst));
        scanner.scan("team history", history(client, team));
        scanner.scan("team state", client.get(client.endpoints().reporting(), "/teams/" + team + "/state").toString());
        for (String service : RunningSystem.SERVICES) {
            scanner.scan("log " + service, Files.readString(system.log(service)));
        }
        return found;
    }

    @FunctionalInterface
    private interface Scanner {
        void scan(String where, String content);
    }

    /** Every text, JSON and array column of every table of the service's database, row by row. */
    private static void scanDatabase(RunningSystem system, String service, Scanner scanner) {
        Postgres postgres = system.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(system.database(service)),
                postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            Map<String, List<String>> columns = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery("""
                    select table_schema || '.' || table_name as tbl, column_name from information_schema.columns
                    where table_schema not in ('pg_catalog', 'information_schema')
                      and data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')""")) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), ignored -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                String select = table.getValue().stream().map(c -> "coalesce(\"" + c + "\"::text, '')")
                        .reduce((a, b) -> a + " || ' ' || " + b).orElseThrow();
                try (ResultSet rows = statement.executeQuery("select " + select + " from " + table.getKey())) {
                    while (rows.next()) {
                        scanner.scan(service + "." + table.getKey().replace("public.", ""), rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Scanning " + service + "'s database", e);
        }
    }

    /**
     * The data keys anybody could still read texts with: every key in any service's {@code text_key}, and each key
     * whose latest record on {@code loop.keys} is not its tombstone (compaction removes the older ones).
     */
    private static Map<UUID, TextCipher.DataKey> heldKeys(RunningSystem system) {
        Map<UUID, String> wrapped = new HashMap<>();
        for (String service : RunningSystem.SERVICES) {
            Postgres postgres = system.postgres();
            try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(system.database(service)),
                    postgres.user(), postgres.password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select key_id, wrapped from text_key")) {
                while (rows.next()) {
                    wrapped.put(UUID.fromString(rows.getString(1)), rows.getString(2));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Reading " + service + "'s text keys", e);
            }
        }
        Map<UUID, String> onTopic = new HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readToEnd(system.kafka().bootstrapServers(),
                "loop.keys")) {
            UUID keyId = UUID.fromString(record.key());
            if (record.value() == null) {
                onTopic.remove(keyId);
            } else {
                try {
                    onTopic.put(keyId, client().readTree(record.value()).path("wrapped").asText());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        onTopic.forEach(wrapped::putIfAbsent);
        Map<UUID, TextCipher.DataKey> keys = new HashMap<>();
        wrapped.forEach((keyId, key) -> CIPHER.unwrap(keyId, key).ifPresent(data -> keys.put(keyId, data)));
        return keys;
    }

    private static com.fasterxml.jackson.databind.ObjectMapper client() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }

    private static long count(RunningSystem system, String service, String sql) throws SQLException {
        Postgres postgres = system.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(system.database(service)),
                postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> topics(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            return new java.util.TreeSet<>(names.stream().filter(topic -> topic.startsWith("loop.")).toList());
        }
    }

    private static String raw(URI base, String path, String token) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
