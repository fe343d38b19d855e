package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.Periods;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.contracts.EventSchemas;
import org.learningloop.contracts.EventType;
import org.learningloop.contracts.activity.ActivityEvents;
import org.learningloop.contracts.goal.GoalEvents;
import org.learningloop.contracts.learning.LearningEvents;
import org.learningloop.simulator.Demo;
import org.learningloop.simulator.DemoRecord;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.simulator.Simulation;
import org.learningloop.testing.TopicReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The living demo, loaded through the public REST APIs exactly as {@code bin/loop up --demo} loads it, and the
 * truth it was generated from found again by the reports (issue 6's simulation test, issue 7's demo): design B
 * is best at call centres, A at small workplaces, large industry has too little evidence, and Team Phone's lead
 * measure is wrong although it is carried out well.
 */
class DemoGroundTruthTest {

    private static final Duration REPORTS_CATCH_UP = Duration.ofSeconds(120);

    private static LoopSteps steps;
    private static LoopClient client;
    private static Path record;
    private static Simulation.Result demo;
    private static java.time.Instant beforeTheLoad;

    /**
     * Loads the demo as a user would who stops the first load mid-scenario (its steps fail after 60 activities,
     * in its second month) and runs it again an hour later: the second load goes on with the same scenario, up
     * to the instant the first one began (the clock it is given would carry activities out in the future).
     */
    @BeforeAll
    static void loadTheDemo_interruptedOnce() throws Exception {
        steps = RunningSystem.get().steps();
        client = steps.client();
        record = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-").resolve("demo.json");
        Clock clock = Clock.systemUTC();
        beforeTheLoad = clock.instant();

        assertThatThrownBy(() -> Demo.loadAndDescribe(new StepsInterruptedAfter(60, client), clock, record))
                .hasMessageContaining("interrupted");
        DemoRecord begun = DemoRecord.read(record).orElseThrow();
        assertThat(begun.completedAt()).as("an interrupted load is not recorded as complete").isNull();

        demo = Demo.loadAndDescribe(steps, Clock.offset(clock, Duration.ofHours(1)), record);

        DemoRecord done = DemoRecord.read(record).orElseThrow();
        assertThat(done.playedUpTo()).isEqualTo(begun.playedUpTo());
        assertThat(done.completedAt()).isNotNull();
        assertThat(done.unitId()).isEqualTo(demo.unitId());
        assertThat(demo.monthsClosed()).hasSize(4);
        JsonNode meetings = client.get(client.endpoints().learning(), "/units/" + demo.unitId() + "/workplace-meetings?limit=200");
        assertThat(meetings.path("items").findValuesAsText("status")).containsExactly("closed", "closed", "closed", "closed");
    }

    /**
     * What the services published is what their contracts promise: every record on every topic fits its event's
     * published JSON Schema (before, 13 records on the live topics did not), and every stream is in one partition
     * under one key (before, 23 of 300 workplace-meeting streams spanned partitions).
     */
    @Test
    void everyRecordOnTheTopics_fitsItsSchema_andEveryStreamHasOneKey() {
        List<String> misfits = new java.util.ArrayList<>();
        Map<String, java.util.Set<String>> keysOfStream = new java.util.HashMap<>();
        Map<String, java.util.Set<Integer>> partitionsOfStream = new java.util.HashMap<>();
        int records = 0;
        for (String topic : List.of("loop.goals", "loop.activities", "loop.learning")) {
            for (var published : TopicReader.readToEnd(RunningSystem.get().kafka().bootstrapServers(), topic)) {
                records++;
                String ceType = TopicReader.header(published, "ce_type");
                EventType<?> type = typeOf(ceType);
                List<EventSchemas.Violation> violations = EventSchemas.check(type, published.value());
                if (!violations.isEmpty()) {
                    misfits.add(ceType + " " + TopicReader.header(published, "ce_id") + ": " + violations);
                }
                String stream = TopicReader.header(published, "ce_streamid");
                keysOfStream.computeIfAbsent(stream, s -> new java.util.TreeSet<>()).add(published.key());
                partitionsOfStream.computeIfAbsent(stream, s -> new java.util.TreeSet<>()).add(published.partition());
            }
        }
        assertThat(records).as("records read").isGreaterThan(1000);
        assertThat(misfits).as("records that break their schema").isEmpty();
        assertThat(keysOfStream.entrySet()).as("streams with more than one key")
                .filteredOn(stream -> stream.getValue().size() > 1).isEmpty();
        assertThat(partitionsOfStream.entrySet()).as("streams in more than one partition")
                .filteredOn(stream -> stream.getValue().size() > 1).isEmpty();
        assertThat(keysOfStream.keySet()).anyMatch(stream -> stream.startsWith("workplace-meeting-"));
    }

    private static final EventCatalog ALL =
            EventCatalog.union(GoalEvents.CATALOG, ActivityEvents.CATALOG, LearningEvents.CATALOG);

    private static EventType<?> typeOf(String ceType) {
        int dot = ceType.lastIndexOf(".v");
        return ALL.typeAt(ceType.substring(0, dot), Integer.parseInt(ceType.substring(dot + 2)))
                .orElseThrow(() -> new AssertionError("unknown " + ceType));
    }

    @Test
    void loadingTheDemoAgain_changesNothing() {
        UUID harbour = demo.team("Team Harbour").teamId();
        String activities = "/teams/" + harbour + "/activities?limit=200";
        int before = countAll(client.endpoints().activity(), activities);

        Simulation.Result again = Demo.loadAndDescribe(steps, Clock.systemUTC(), record);

        assertThat(again.unitId()).isEqualTo(demo.unitId());
        assertThat(countAll(client.endpoints().activity(), activities)).isEqualTo(before);
        assertThat(before).isEqualTo((int) demo.activities().stream().filter(a -> a.team().equals("Team Harbour")).count());
    }

    /** The steps of a load stopped part-way: the carry-out after the first {@code count} fails. */
    private static final class StepsInterruptedAfter extends LoopSteps {

        private int left;

        StepsInterruptedAfter(int count, LoopClient client) {
            super(client);
            this.left = count;
        }

        @Override
        public void carryOut(UUID activityId, Instant carriedOutAt, int presence, int focus, String intentionReached,
                             List<Map<String, String>> adaptations, Map<String, Integer> outcomes) {
            if (left-- == 0) {
                throw new IllegalStateException("interrupted before carrying out " + activityId);
            }
            super.carryOut(activityId, carriedOutAt, presence, focus, intentionReached, adaptations, outcomes);
        }
    }

    @Test
    void bestDesigns_nameBForCallCentres_aForSmallWorkplaces_andTooLittleEvidenceForLargeIndustry() {
        // the demo's own unit: other scenarios in these tests play the same truth with designs of their own
        JsonNode report = ReportAssertions.assertDemoBestDesigns(client, "/reports/best-designs?activityType="
                + "workplace-visit&unitId=" + demo.unitId(), demo.designs(), REPORTS_CATCH_UP);

        ReportAssertions.assertInsufficientEvidence(report, "workplace-visit", "large-industry");
    }

    @Test
    void verdict_replaceForTheLeadMeasureThatDoesNotMoveTheLag_keepForTheOnesThatDo() {
        UUID phone = demo.team("Team Phone").leadMeasureId();

        JsonNode wrong = client.await(client.endpoints().reporting(), "/reports/lead-measures/" + phone + "/verdict",
                answer -> "replace".equals(answer.path("verdict").asText()), REPORTS_CATCH_UP,
                "the verdict on Team Phone's lead measure");
        assertThat(wrong.path("verdict").asText()).isEqualTo("replace");
        ReportAssertions.assertKept(client, demo, REPORTS_CATCH_UP);
    }

    @Test
    void theAptAgreements_reachedTheOtherServices() {
        // a revised design is at a later version in activity-service, caused by an agreement
        boolean revised = demo.designs().values().stream()
                .map(id -> client.await(client.endpoints().activity(), "/designs/" + id, d -> true, REPORTS_CATCH_UP, "design"))
                .anyMatch(design -> design.path("version").asInt() > 1 && design.path("agreementIds").size() > 0);
        assertThat(revised).as("a design revised by an APT agreement").isTrue();

        // Team Phone's lead measure was replaced by goal-service on the last APT's agreement
        UUID phone = demo.team("Team Phone").leadMeasureId();
        JsonNode retired = client.await(client.endpoints().goal(), "/lead-measures/" + phone,
                measure -> "retired".equals(measure.path("status").asText()), REPORTS_CATCH_UP,
                "Team Phone's lead measure to be replaced");
        assertThat(retired.path("retirement").path("agreementId").asText()).isNotBlank();
    }

    /**
     * Bi-temporal time travel on the demo (issue 16): recorded today, its history reads in business time. Team
     * Harbour on the day of its middle activity shows the activities carried out by that day and the loop iteration
     * of that month; known before the demo was loaded, it shows nothing.
     */
    @Test
    void teamHarbour_onADayOfItsPast_standsAsItDidThen_andBeforeTheLoadNothingWasKnown() {
        UUID harbour = demo.team("Team Harbour").teamId();
        List<java.time.LocalDate> days = demo.activities().stream().filter(a -> a.team().equals("Team Harbour"))
                .map(Simulation.Played::day).sorted().toList();
        java.time.LocalDate middle = days.get(days.size() / 2);
        long carriedOutByThen = days.stream().filter(day -> !day.isAfter(middle)).count();
        long monthsClosedByThen = demo.monthsClosed().stream()
                .filter(month -> java.time.YearMonth.parse(month).isBefore(java.time.YearMonth.from(middle))).count();
        String state = "/teams/" + harbour + "/state";
        client.await(client.endpoints().reporting(), state, now -> now.path("activities").path("evaluated")
                .path("count").asInt() == days.size(), REPORTS_CATCH_UP, "reporting-service to see Harbour's activities");

        JsonNode then = client.get(client.endpoints().reporting(), state + "?validAt=" + middle);
        assertThat(then.path("activities").path("carriedOut").path("count").asLong()).as("carried out by %s", middle)
                .isEqualTo(carriedOutByThen).isLessThan(days.size());
        assertThat(then.path("activities").path("evaluated").path("count").asInt())
                .as("evaluations have no time but their recording, today").isZero();
        assertThat(then.path("loopIteration").path("number").asLong()).as("loop iteration on %s", middle)
                .isEqualTo(monthsClosedByThen + 1);
        assertThat(then.path("name").asText()).isEqualTo("Team Harbour");

        JsonNode known = client.get(client.endpoints().reporting(), state + "?validAt=" + middle
                + "&knownAt=" + beforeTheLoad);
        assertThat(known.path("eventsFolded").asInt()).isZero();
    }

    @Test
    void goalService_countsTheDemosBackDatedActivities_inTheWeeksTheyWereCarriedOut() {
        Simulation.TeamIds harbour = demo.team("Team Harbour");
        java.util.Map<String, Long> byWeek = demo.activities().stream().filter(a -> a.team().equals("Team Harbour"))
                .collect(java.util.stream.Collectors.groupingBy(a -> Periods.week(a.day()), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        String firstWeek = byWeek.keySet().iterator().next();

        JsonNode scoreboard = client.await(client.endpoints().goal(),
                "/teams/" + harbour.teamId() + "/scoreboard?week=" + firstWeek,
                board -> WholeLoopTest.actualOf(board, harbour.leadMeasureId()) == byWeek.get(firstWeek).intValue(),
                REPORTS_CATCH_UP, "goal-service to count the first demo week");

        assertThat(WholeLoopTest.actualOf(scoreboard, harbour.leadMeasureId())).isEqualTo(byWeek.get(firstWeek).intValue());
    }

    private static int countAll(java.net.URI base, String path) {
        int count = 0;
        String cursor = null;
        do {
            JsonNode page = client.get(base, path + (cursor == null ? "" : "&cursor=" + cursor));
            count += page.path("items").size();
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return count;
    }
}
