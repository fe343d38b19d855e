package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's scenario played with "now" set to hard instants — every hour of the first and the last day of
 * months, 1 January, a Monday 00:30 in Stockholm, the days the clocks change — and to the real clock: nothing
 * is scheduled, carried out, read or held after now, and every complete month is closed by its APT. The steps
 * are recorded, not sent, so the whole matrix runs in seconds; the system tests play the demo against the
 * services themselves.
 */
class SimulationClockTest {

    private static final ZoneId STOCKHOLM = Scenarios.STOCKHOLM;

    static Stream<Instant> hardInstants() {
        List<LocalDateTime> local = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1), // Monday, Tuesday
                LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1),                         // Saturday, Sunday
                LocalDate.of(2026, 5, 31), LocalDate.of(2026, 6, 1),                         // Sunday, Monday
                LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 1),                        // New Year
                LocalDate.of(2027, 3, 28), LocalDate.of(2026, 10, 25))) {                    // clocks change
            IntStream.range(0, 24).forEach(hour -> {
                local.add(day.atTime(hour, 0));
                local.add(day.atTime(hour, 59, 59));
            });
        }
        local.add(LocalDate.of(2026, 11, 23).atTime(0, 30)); // a Monday 00:30
        local.add(LocalDate.of(2027, 2, 1).atTime(0, 30));   // a Monday 00:30, first of the month
        // in Stockholm, and the same wall-clock times in UTC (an hour or two earlier or later in Stockholm)
        return Stream.concat(local.stream().map(time -> time.atZone(STOCKHOLM).toInstant()),
                local.stream().map(time -> time.atZone(ZoneId.of("UTC")).toInstant())).distinct();
    }

    @ParameterizedTest
    @MethodSource("hardInstants")
    void givenNowAtAHardInstant_whenTheDemoIsPlayed_thenNothingLiesAfterNow_andEveryCompleteMonthIsClosed(Instant now) {
        assertPlayedUpTo(now);
    }

    @Test
    void givenTheRealClock_whenTheDemoIsPlayed_thenNothingLiesAfterNow_andEveryCompleteMonthIsClosed() {
        assertPlayedUpTo(Clock.systemUTC().instant());
    }

    @Test
    void givenTheMachinesTimeZoneAnywhere_whenTheDemoIsPlayed_thenItPlaysTheSameSteps() {
        Instant now = LocalDate.of(2026, 12, 1).atTime(0, 30).atZone(STOCKHOLM).toInstant();
        TimeZone machine = TimeZone.getDefault();
        List<List<String>> played = new ArrayList<>();
        try {
            for (String zone : List.of("UTC", "Europe/Stockholm", "Pacific/Kiritimati", "Pacific/Pago_Pago",
                    "America/Los_Angeles")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                RecordingSteps steps = new RecordingSteps(now);
                new Simulation(steps, Scenarios.demo(now), line -> { }).run();
                assertThat(steps.violations).as("in time zone %s", zone).isEmpty();
                played.add(steps.log);
            }
        } finally {
            TimeZone.setDefault(machine);
        }
        assertThat(played).allSatisfy(steps -> assertThat(steps).isEqualTo(played.get(0)));
    }

    @Test
    void givenTheSameNow_whenPlayedTwice_thenTheSameStepsAreTaken() {
        Instant now = LocalDate.of(2026, 12, 2).atTime(11, 20).atZone(STOCKHOLM).toInstant();
        RecordingSteps first = new RecordingSteps(now);
        RecordingSteps second = new RecordingSteps(now);
        new Simulation(first, Scenarios.demo(now), line -> { }).run();
        new Simulation(second, Scenarios.demo(now), line -> { }).run();
        assertThat(second.log).isEqualTo(first.log).isNotEmpty();
    }

    private static void assertPlayedUpTo(Instant now) {
        Scenario scenario = Scenarios.demo(now);
        RecordingSteps steps = new RecordingSteps(now);

        Simulation.Result result = new Simulation(steps, scenario, line -> { }).run();

        assertThat(steps.violations).as("steps after now (%s, %s in Stockholm)", now, now.atZone(STOCKHOLM)).isEmpty();
        YearMonth current = YearMonth.from(now.atZone(STOCKHOLM));
        List<String> complete = IntStream.rangeClosed(1, scenario.months()).mapToObj(current::minusMonths).sorted()
                .map(YearMonth::toString).toList();
        assertThat(result.monthsClosed()).as("workplace meetings closed, now %s", now).isEqualTo(complete);
        assertThat(steps.lagPeriods).as("lag readings, now %s", now).containsAll(complete);
        // and the baseline: the months before the first, before any lead measure
        YearMonth first = current.minusMonths(scenario.months());
        assertThat(steps.lagPeriods).as("baseline lag readings, now %s", now).contains(first.minusMonths(1).toString(),
                first.minusMonths(2).toString(), first.minusMonths(Simulation.BASELINE_MONTHS).toString());
        assertThat(result.agreements()).as("the last APT judges the lead measures").containsEntry("replace-lead-measure", 1);
        for (String month : complete) {
            assertThat(result.activities()).as("activities in %s", month)
                    .anyMatch(activity -> YearMonth.from(activity.day()).toString().equals(month));
        }
        assertThat(result.activities()).allSatisfy(activity -> assertThat(activity.day()).isBeforeOrEqualTo(
                LocalDate.ofInstant(now, STOCKHOLM)));
    }

    /**
     * Takes the steps without calling any service, and notes each one that would lie after now: an activity
     * scheduled or carried out later, a lead measure active from later, a lag reading or an APT for a month that
     * has not ended, a WIG meeting for a week that has not begun, an evaluation of an activity not carried out.
     */
    static class RecordingSteps extends LoopSteps {

        final List<String> violations = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final Set<String> lagPeriods = new HashSet<>();
        final Map<String, UUID> workplaceMeetingOf = new HashMap<>();
        private final Instant now;
        private final Set<UUID> carriedOut = new HashSet<>();
        private final Set<UUID> openMeetings = new HashSet<>();
        private int created;

        RecordingSteps(Instant now) {
            super(new LoopClient(unreachable(), new ObjectMapper()));
            this.now = now;
        }

        private static LoopClient.Endpoints unreachable() {
            URI nowhere = URI.create("http://127.0.0.1:9");
            return new LoopClient.Endpoints(nowhere, nowhere, nowhere, nowhere);
        }

        private UUID created(String what) {
            log.add(what);
            return UUID.nameUUIDFromBytes((what + "#" + created++).getBytes());
        }

        private void notAfterNow(String what, Instant at) {
            if (at.isAfter(now)) {
                violations.add(what + " at " + at + " is after now " + now);
            }
        }

        private void monthEnded(String what, String month) {
            notAfterNow(what + " for " + month, YearMonth.parse(month).plusMonths(1).atDay(1).atStartOfDay(STOCKHOLM)
                    .toInstant());
        }

        @Override
        public UUID unit(String key, String name, UUID managerId) {
            return created("unit " + key);
        }

        @Override
        public UUID team(String key, UUID unitId, String name) {
            return created("team " + key);
        }

        @Override
        public void member(UUID teamId, UUID memberId, String displayName, String role) {
            log.add("member " + memberId);
        }

        @Override
        public UUID wig(String key, String title, UUID teamId, UUID unitId, UUID parentWigId, String metric, int from,
                        int to, LocalDate startDate, LocalDate deadline) {
            notAfterNow("WIG start " + key, startDate.atStartOfDay(STOCKHOLM).toInstant());
            return created("wig " + key + " " + startDate + ".." + deadline);
        }

        @Override
        public void lagReading(UUID wigId, String period, long value) {
            monthEnded("lag reading", period);
            lagPeriods.add(period);
            log.add("lag " + wigId + " " + period + " " + value);
        }

        @Override
        public UUID activeLeadMeasure(String key, UUID wigId, String name, String activityType, int weeklyTarget,
                                      String hypothesis, Instant activeFrom) {
            notAfterNow("lead measure active from", activeFrom == null ? now : activeFrom);
            return created("lead measure " + key + " from " + activeFrom);
        }

        @Override
        public UUID proposedLeadMeasure(String key, UUID wigId, String name, String activityType, int weeklyTarget,
                                        String hypothesis) {
            return created("proposed lead measure " + key);
        }

        @Override
        public void activityType(String key, String name) {
            log.add("activity type " + key);
        }

        @Override
        public UUID design(String key, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                           List<String> segments, String intention, List<String> steps, List<String> talkingPoints,
                           String hypothesis) {
            return created("design " + key);
        }

        @Override
        public UUID planActivity(String key, UUID teamId, UUID unitId, UUID leadMeasureId, UUID designId,
                                 Integer designVersion, Instant scheduledAt, String workplace, String segment,
                                 int employees, List<UUID> participants) {
            notAfterNow("activity " + key + " scheduled", scheduledAt);
            return created("activity " + key + " at " + scheduledAt + " " + segment + " " + employees);
        }

        @Override
        public void carryOut(UUID activityId, Instant carriedOutAt, int presence, int focus, String intentionReached,
                             List<Map<String, String>> adaptations, Map<String, Integer> outcomes) {
            notAfterNow("activity " + activityId + " carried out", carriedOutAt);
            carriedOut.add(activityId);
            log.add("carried out " + activityId + " " + carriedOutAt + " " + outcomes);
        }

        @Override
        public void evaluate(UUID activityId, Map<String, Integer> quality, List<Map<String, String>> proposals) {
            if (!carriedOut.contains(activityId)) {
                violations.add("evaluated " + activityId + " before it was carried out");
            }
            log.add("evaluated " + activityId + " " + quality);
        }

        @Override
        public void feedback(UUID activityId, UUID from, UUID to, List<Map<String, String>> items) {
            if (!carriedOut.contains(activityId)) {
                violations.add("feedback on " + activityId + " before it was carried out");
            }
            log.add("feedback " + activityId);
        }

        @Override
        public JsonNode openWigMeeting(UUID teamId, String week) {
            int year = Integer.parseInt(week.substring(0, 4));
            int number = Integer.parseInt(week.substring(6));
            LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number)
                    .with(DayOfWeek.MONDAY);
            notAfterNow("WIG meeting of " + week, monday.atStartOfDay(STOCKHOLM).toInstant());
            UUID id = created("wig meeting " + teamId + " " + week);
            openMeetings.add(id);
            ObjectNode meeting = client().object().put("id", id.toString());
            meeting.putArray("commitmentsToAccountFor");
            meeting.putArray("learningCandidates");
            return meeting;
        }

        @Override
        public JsonNode recordWigMeeting(UUID meetingId, JsonNode record) {
            if (!openMeetings.contains(meetingId)) {
                violations.add("recorded WIG meeting " + meetingId + " that was not opened");
            }
            log.add("recorded " + meetingId + " " + record);
            return record;
        }

        @Override
        public UUID learningFromCandidate(String key, UUID teamId, UUID candidateId, String insight, List<String> tags) {
            return created("learning " + key);
        }

        @Override
        public JsonNode openWorkplaceMeeting(UUID unitId, String month) {
            monthEnded("workplace meeting", month);
            UUID id = created("workplace meeting " + month);
            workplaceMeetingOf.put(month, id);
            openMeetings.add(id);
            return client().object().put("id", id.toString());
        }

        @Override
        public JsonNode coachingNote(UUID meetingId, String note, UUID teamId) {
            log.add("coaching note " + meetingId);
            return client().object();
        }

        @Override
        public JsonNode agreement(UUID meetingId, ObjectNode agreement) {
            log.add("agreement " + meetingId + " " + agreement);
            return agreement;
        }

        @Override
        public JsonNode closeWorkplaceMeeting(UUID meetingId) {
            if (!openMeetings.remove(meetingId)) {
                violations.add("closed workplace meeting " + meetingId + " that was not open");
            }
            log.add("closed " + meetingId);
            return client().object();
        }
    }

    @Test
    void theMatrixCoversWhatTheClockCanDo() {
        List<ZonedDateTime> instants = hardInstants().map(instant -> instant.atZone(STOCKHOLM)).toList();
        assertThat(instants).anyMatch(t -> t.getDayOfMonth() == 1 && t.getMonthValue() == 1);
        assertThat(instants).anyMatch(t -> t.getDayOfWeek() == DayOfWeek.MONDAY
                && t.toLocalTime().equals(LocalTime.of(0, 30)));
        assertThat(instants).anyMatch(t -> !STOCKHOLM.getRules().isDaylightSavings(t.toInstant())
                && STOCKHOLM.getRules().isDaylightSavings(t.toInstant().plusSeconds(86_400)));
        assertThat(instants.stream().map(ZonedDateTime::getHour).distinct()).hasSize(24);
    }
}
