package org.learningloop.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.learningloop.contracts.Periods;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.simulator.Scenario;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Lm.M1;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Lm.M2;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Lm.M3;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Phase.AFTER;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Phase.BEFORE;
import static org.learningloop.systemtests.CountingAcrossServicesTest.Phase.PLANNED_BEFORE;

/**
 * Does an activity count toward lead measure X in ISO week W? Every surface that answers it must answer it with
 * <b>the rule</b> (issue 17: one rule, one home):
 *
 * <blockquote>An activity carried out counts toward the lead measures of its team and activity type that were
 * active when it was carried out ({@code activeFrom ≤ carriedOutAt <} the lead measure's retirement, the event time
 * of its retire or replace), toward the one it names (the {@code leadMeasureId} given at planning) if that one is
 * among them, otherwise toward all of them; in the ISO week of {@code carriedOutAt} in Europe/Stockholm. Manual
 * lead readings add on top (none here, so every surface's {@code actual} is the count of activities).</blockquote>
 *
 * <p>The scenario (a unit, team, WIG and activity type of its own per run, so the demo's ground truth is not
 * touched). w0…w5 are six ISO weeks, w5 the current one in Europe/Stockholm; every instant is computed from one
 * {@code now} taken at the start, and none lies after the services' clock. M1 and M2 are lead measures of the
 * team's WIG, both of the run's activity type, activated back-dated from Monday 10:00 of w1 and of w3.
 * The activities, each planned (naming a lead measure or none; the design names none, so "none" stays none) and
 * then carried out, are {@link #SCENARIO the table below}: a1 before any activation counts nowhere; a4 names M2
 * before M2 was active, so it counts toward M1, the only active one; a6 and a7 name one of two active lead
 * measures and count toward that one only. Then M1 is <b>replaced</b> by M3 ({@code POST
 * /lead-measures/{M1}/replace}): goal-service retires M1 and activates M3 in one command, both events at that
 * command's instant, and a replacement is active from that instant (its {@code activeFrom} is the command's now;
 * the body cannot back-date it), so M1's window ends and M3's begins at the same instant R. After it: a8 (names
 * none) and a9 (planned before R naming M1, which is retired when it is carried out) are carried out now and count
 * toward M2 and M3; a10 is planned after R but carried out back-dated to Thursday of w4, when M1 and M2 were active
 * and M3 was not, so it counts toward M1 and M2. The test checks the table against the rule with the real
 * instants (M3's activeFrom from the replacement's answer) before it looks at any surface. Expected:
 * w0 nothing; w1 M1=2; w2 M1=1; w3 M1=1, M2=2; w4 M1=2, M2=1; w5 M2=2, M3=2 (a run across Sunday midnight puts
 * a8 and a9 into the week they were really carried out in).
 *
 * <p>The surfaces, each read through its public REST API after waiting for the events to arrive:
 * <ol>
 *     <li>goal-service's team scoreboard for each week ({@code thisWeek.actual} per lead measure), plus one
 *     snapshot taken just before the replacement (its {@code last12Weeks}, while M1 is still active: the scoreboard
 *     lists only the lead measures active now, so after R it never shows M1 again);</li>
 *     <li>learning-service's WIG-meeting agenda for each week ({@code scoreboard.leadMeasures[]}: {@code actual} of
 *     the week and {@code lastWeekActual}); it lists active lead measures only, so only the counts it shows are
 *     compared (the ones it leaves out are printed);</li>
 *     <li>learning-service's APT digest for each month the weeks fall in ({@code digest.leadMeasures[].weeks[]});
 *     it lists active and retired lead measures, so it must show each one that counts something in its weeks;</li>
 *     <li>reporting-service's lead-measure verdict for M1, M2, M3 ({@code lead.recentWeeks[]}: the weeks ending at
 *     the latest week with data, the week in progress left out while an earlier week has data; its
 *     {@code referenceWeek} follows from which weeks have data, so it is compared with the rule's too);</li>
 *     <li>reporting-service's unit roll-up, asked {@code on} the Monday after each week ({@code lastWeekActual}).</li>
 * </ol>
 * Every disagreement is collected (soft assertions, each naming surface, lead measure and week) and reported at once.
 * Waiting is by predicates only. Where a surface shows a rule-independent sign of propagation (the activities and
 * lead-measure statuses it holds: the APT digest, reporting's design effectiveness and roll-up) the test waits for
 * that. goal-service shows none, so it is read after reporting-service (on the same topic) holds the activities
 * carried out so far, last of all the surfaces, and its scoreboard is awaited until it agrees with the rule; failing
 * that within {@link LoopSteps#PROPAGATION}, its last answer is judged.
 */
class CountingAcrossServicesTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    private static final LocalTime TEN = LocalTime.of(10, 0);

    enum Lm { M1, M2, M3 }

    /** When an activity is planned and carried out, relative to the replacement of M1 by M3. */
    enum Phase {
        /** planned and carried out before the replacement */
        BEFORE,
        /** planned before the replacement, carried out after it */
        PLANNED_BEFORE,
        /** planned and carried out after the replacement */
        AFTER
    }

    /**
     * One activity of the scenario: carried out at 10:00 Stockholm time on {@code day} of week w{@code week}, or now
     * ({@code week} null); naming {@code names} (null: none) at planning; counting toward {@code countsToward} by
     * the rule.
     */
    record Step(String name, Integer week, DayOfWeek day, Lm names, Set<Lm> countsToward, Phase phase) {
    }

    /** The scenario and what the rule says of each activity: the test's expectations all come from this table. */
    static final List<Step> SCENARIO = List.of(
            new Step("a1", 0, WEDNESDAY, null, Set.of(), BEFORE),           // before any activation
            new Step("a2", 1, TUESDAY, null, Set.of(M1), BEFORE),
            new Step("a3", 1, THURSDAY, M1, Set.of(M1), BEFORE),
            new Step("a4", 2, WEDNESDAY, M2, Set.of(M1), BEFORE),           // names M2 before M2 was active
            new Step("a5", 3, TUESDAY, null, Set.of(M1, M2), BEFORE),
            new Step("a6", 3, WEDNESDAY, M2, Set.of(M2), BEFORE),
            new Step("a7", 4, TUESDAY, M1, Set.of(M1), BEFORE),
            new Step("a8", null, null, null, Set.of(M2, M3), AFTER),
            new Step("a9", null, null, M1, Set.of(M2, M3), PLANNED_BEFORE), // names M1, retired when carried out
            new Step("a10", 4, THURSDAY, null, Set.of(M1, M2), AFTER));     // back-dated to before the replacement

    /** An activity of the scenario as carried out. */
    record Carried(Step step, UUID activityId, Instant at) {
    }

    private final SoftAssertions softly = new SoftAssertions();
    private final List<String> notes = new ArrayList<>();
    private final Map<Lm, UUID> ids = new EnumMap<>(Lm.class);
    private final Map<String, String> weekNames = new LinkedHashMap<>();
    private LoopSteps steps;
    private LoopClient client;
    private UUID unit;
    private UUID team;
    private String activityType;

    @Test
    void everySurfaceCountsEachActivityTowardTheLeadMeasuresTheRuleGivesIt_perLeadMeasureAndWeek() {
        steps = RunningSystem.get().steps();
        client = steps.client();
        Instant now = Instant.now();
        LocalDate thisMonday = LocalDate.ofInstant(now, ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (int k = 0; k <= 5; k++) {
            weekNames.put(week(thisMonday.minusWeeks(5 - k)), "w" + k);
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String run = "counting-" + tag;

        // the organisation, with an activity type of its own and a design that names no lead measure
        UUID manager = UUID.randomUUID();
        unit = steps.unit(run + ":unit", "Counting office " + tag, manager);
        team = steps.team(run + ":team", unit, "Counting team " + tag);
        UUID lead = UUID.randomUUID();
        UUID colleague = UUID.randomUUID();
        // names no other test's text could contain: every service refuses a free text naming a member (ADR 17), and
        // the four services here are shared by all the system tests
        String letters = tag.replaceAll("[0-9]", "q");
        steps.member(team, lead, "Ysolde Marrowick" + letters, "team-lead");
        steps.member(team, colleague, "Thaddeus Quillfeather" + letters, "member");
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        UUID wig = steps.wig(run + ":wig", "From 10 to 30 members a month", team, unit, null, "members per month", 10, 30,
                today.minusMonths(3), today.plusMonths(6));
        activityType = "counting-visit-" + tag;
        steps.activityType(activityType, "Counting visit " + tag);
        UUID design = steps.design(run + ":design", unit, team, "Counting visit", activityType, null,
                List.of("call-centre"), "Employees see what the union does for them", List.of("Introduce", "Invite"),
                List.of("Pay"), "Visits bring members");

        // M1 and M2, activated back-dated to Monday 10:00 of w1 and of w3
        Instant m1From = at(thisMonday, 1, DayOfWeek.MONDAY);
        Instant m2From = at(thisMonday, 3, DayOfWeek.MONDAY);
        ids.put(M1, steps.activeLeadMeasure(run + ":m1", wig, "Counting visits (M1)", activityType, 3,
                "Visits bring members", m1From));
        ids.put(M2, steps.activeLeadMeasure(run + ":m2", wig, "Counting visits (M2)", activityType, 3,
                "Visits bring members", m2From));
        Map<Lm, Instant> activeFrom = new EnumMap<>(Lm.class);
        activeFrom.put(M1, activeFromOf(M1));
        activeFrom.put(M2, activeFromOf(M2));
        assertThat(activeFrom).as("the back-dated activations").containsEntry(M1, m1From).containsEntry(M2, m2From);

        // before the replacement: a1..a7 planned and carried out, a9 planned (naming M1)
        Map<String, Carried> carried = new LinkedHashMap<>();
        Map<String, UUID> plannedEarly = new LinkedHashMap<>();
        for (Step step : SCENARIO) {
            if (step.phase() == BEFORE) {
                Instant at = at(thisMonday, step);
                UUID activity = plan(run, step, design, at.minus(Duration.ofHours(1)), lead, colleague);
                carried.put(step.name(), carryOut(step, activity, at));
            } else if (step.phase() == PLANNED_BEFORE) {
                plannedEarly.put(step.name(), plan(run, step, design, Instant.now(), lead, colleague));
            }
        }
        // goal-service shows no sign of having seen an activity but its counts: it is read once reporting-service,
        // on the same topic, holds a1..a7
        awaitReportingActivities(carried.size());
        goalScoreboardBeforeTheReplacement(expected(carried.values()), week(thisMonday.minusWeeks(1)));

        // M1 replaced by M3: one command retires M1 and activates M3, both at its instant R
        UUID m3 = steps.proposedLeadMeasure(run + ":m3", wig, "Counting visits (M3)", activityType, 3,
                "Visits bring members");
        ids.put(M3, m3);
        Instant beforeReplacing = Instant.now();
        JsonNode replaced = client.change(client.endpoints().goal(), "POST", "/lead-measures/" + ids.get(M1),
                "/lead-measures/" + ids.get(M1) + "/replace", client.object().put("replacementId", m3.toString())
                        .put("reason", "Counting test: M3 takes over from M1"));
        Instant replacedAt = Instant.parse(replaced.path("activated").path("activation").path("activeFrom").asText());
        assertThat(replaced.path("retired").path("status").asText()).isEqualTo("retired");
        assertThat(replacedAt).as("M3 is active from the replacement's instant")
                .isBetween(beforeReplacing, Instant.now());
        activeFrom.put(M3, replacedAt);
        Map<Lm, Instant> retiredAt = new EnumMap<>(Lm.class);
        retiredAt.put(M1, replacedAt); // the retirement's event time: the same command's instant

        // after the replacement: a8 (now), a9 (planned before, carried out now), a10 (back-dated to w4 Thursday)
        for (Step step : SCENARIO) {
            if (step.phase() == PLANNED_BEFORE) {
                carried.put(step.name(), carryOut(step, plannedEarly.get(step.name()), Instant.now()));
            } else if (step.phase() == AFTER) {
                if (step.week() == null) {
                    UUID activity = plan(run, step, design, Instant.now(), lead, colleague);
                    carried.put(step.name(), carryOut(step, activity, Instant.now()));
                } else {
                    Instant at = at(thisMonday, step);
                    UUID activity = plan(run, step, design, at.minus(Duration.ofHours(1)), lead, colleague);
                    carried.put(step.name(), carryOut(step, activity, at));
                }
            }
        }

        // the table is the rule, for the instants as they really were
        for (Carried activity : carried.values()) {
            assertThat(rule(activity.at(), activity.step().names(), activeFrom, retiredAt))
                    .as("the rule for %s carried out at %s naming %s", activity.step().name(), activity.at(),
                            activity.step().names())
                    .isEqualTo(activity.step().countsToward());
        }
        Map<Lm, Map<String, Integer>> expected = expected(carried.values());
        SortedSet<String> weeks = new TreeSet<>(weekNames.keySet());
        carried.values().forEach(activity -> weeks.add(week(activity.at())));
        weeks.forEach(week -> weekNames.putIfAbsent(week, "after w5"));
        System.out.printf("[counting] lead measures %s, replaced at %s; the rule's counts: %s%n", ids, replacedAt,
                describe(expected));

        workplaceMeetingDigests(expected, weeks, carried.values());
        wigMeetingAgendas(expected, weeks);
        awaitReporting(carried.size());
        reportingVerdicts(expected);
        reportingRollups(expected, weeks);
        goalScoreboards(expected, weeks); // last: by now the other services hold every activity and lead measure

        notes.forEach(note -> System.out.println("[counting] " + note));
        softly.assertAll();
    }

    // --- goal-service: the team scoreboard ---------------------------------------------------------------------

    /**
     * Before the replacement, while M1 is still listed: week w4's scoreboard and its last 12 weeks, against the rule
     * for a1…a7 (the activities carried out so far).
     */
    private void goalScoreboardBeforeTheReplacement(Map<Lm, Map<String, Integer>> expected, String w4) {
        String path = "/teams/" + team + "/scoreboard?week=" + w4;
        JsonNode board = awaitOrLast(client.endpoints().goal(), path,
                answer -> shows(answer, EnumSet.of(M1, M2)) && historyAgrees(answer, expected),
                "goal-service's scoreboard before the replacement to count as the rule does");
        for (JsonNode measure : board.path("leadMeasures")) {
            Lm lm = lmOf(measure);
            if (lm == null) {
                continue;
            }
            for (JsonNode week : measure.path("last12Weeks")) {
                String name = week.path("week").asText();
                softly.assertThat(week.path("actual").asInt(-1))
                        .as("[goal scoreboard, before the replacement, last12Weeks of %s] %s in %s", w4, lm, label(name))
                        .isEqualTo(count(expected, lm, name));
            }
        }
        softly.assertThat(shown(board)).as("[goal scoreboard, before the replacement] lead measures listed")
                .contains(M1, M2);
    }

    /**
     * Each week's scoreboard: every lead measure's thisWeek.actual. It lists the lead measures active now, so M1 is
     * judged on the snapshot taken before the replacement ({@link #goalScoreboardBeforeTheReplacement}).
     */
    private void goalScoreboards(Map<Lm, Map<String, Integer>> expected, SortedSet<String> weeks) {
        String latest = "/teams/" + team + "/scoreboard?week=" + weeks.last();
        awaitOrLast(client.endpoints().goal(), latest,
                answer -> shows(answer, EnumSet.of(M2, M3)) && historyAgrees(answer, expected),
                "goal-service's scoreboard to count as the rule does");
        for (String week : weeks) {
            JsonNode board = client.get(client.endpoints().goal(), "/teams/" + team + "/scoreboard?week=" + week);
            for (JsonNode measure : board.path("leadMeasures")) {
                Lm lm = lmOf(measure);
                if (lm != null) {
                    softly.assertThat(measure.path("thisWeek").path("actual").asInt(-1))
                            .as("[goal scoreboard] %s in %s", lm, label(week)).isEqualTo(count(expected, lm, week));
                }
            }
        }
    }

    private boolean historyAgrees(JsonNode board, Map<Lm, Map<String, Integer>> expected) {
        for (JsonNode measure : board.path("leadMeasures")) {
            Lm lm = lmOf(measure);
            for (JsonNode week : measure.path("last12Weeks")) {
                if (lm != null && week.path("actual").asInt(-1) != count(expected, lm, week.path("week").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean shows(JsonNode board, Set<Lm> measures) {
        return shown(board).containsAll(measures);
    }

    // --- learning-service: the APT digest and the WIG-meeting agenda -------------------------------------------

    /**
     * The unit's workplace meeting of each month the weeks (by their Thursday, as the digest groups them) or the
     * activities fall in: each lead measure's weekly actuals.
     */
    private void workplaceMeetingDigests(Map<Lm, Map<String, Integer>> expected, SortedSet<String> weeks,
                                         Iterable<Carried> carried) {
        SortedSet<String> months = new TreeSet<>();
        weeks.forEach(week -> months.add(YearMonth.from(monday(week).plusDays(3)).toString()));
        carried.forEach(activity -> months.add(month(activity.at())));
        for (String month : months) {
            int carriedInMonth = 0;
            for (Carried activity : carried) {
                carriedInMonth += month.equals(month(activity.at())) ? 1 : 0;
            }
            int activities = carriedInMonth;
            UUID meeting = UUID.fromString(steps.openWorkplaceMeeting(unit, month).path("id").asText());
            Predicate<JsonNode> propagated = answer -> answer.path("digest").path("activitiesCarriedOut").asInt(-1)
                    == activities && statuses(answer.path("digest").path("leadMeasures"));
            JsonNode answer = awaitOrLast(client.endpoints().learning(), "/workplace-meetings/" + meeting, propagated,
                    "learning-service to hold the " + activities + " activities of " + month
                            + " and M1 retired, M2 and M3 active");
            JsonNode digest = answer.path("digest");
            softly.assertThat(propagated.test(answer))
                    .as("[APT digest %s] learning-service holds the month's %d activities and the lead measures' "
                            + "statuses: %s", month, activities, digest).isTrue();
            for (JsonNode measure : digest.path("leadMeasures")) {
                Lm lm = lmOf(measure);
                if (lm == null) {
                    continue;
                }
                for (JsonNode week : measure.path("weeks")) {
                    String name = week.path("week").asText();
                    softly.assertThat(week.path("actual").asInt(-1))
                            .as("[APT digest %s] %s in %s", month, lm, label(name)).isEqualTo(count(expected, lm, name));
                }
            }
            for (JsonNode week : digest.path("weeks")) {
                assertShowsWhatCounts("APT digest " + month, shown(digest), expected, week.asText());
            }
        }
    }

    /**
     * The team's WIG meeting of each week: the agenda's actual of the week and of the week before for each lead
     * measure it lists (active ones only, by design: those it leaves out are noted, not asserted).
     */
    private void wigMeetingAgendas(Map<Lm, Map<String, Integer>> expected, SortedSet<String> weeks) {
        for (String week : weeks) {
            JsonNode meeting = steps.openWigMeeting(team, week);
            JsonNode scoreboard = meeting.path("scoreboard");
            for (JsonNode measure : scoreboard.path("leadMeasures")) {
                Lm lm = lmOf(measure);
                if (lm == null) {
                    continue;
                }
                softly.assertThat(measure.path("actual").asInt(-1))
                        .as("[WIG-meeting agenda %s] %s in %s", week, lm, label(week))
                        .isEqualTo(count(expected, lm, week));
                String lastWeek = measure.path("lastWeek").asText();
                softly.assertThat(measure.path("lastWeekActual").asInt(-1))
                        .as("[WIG-meeting agenda %s, last week] %s in %s", week, lm, label(lastWeek))
                        .isEqualTo(count(expected, lm, lastWeek));
            }
            Set<Lm> shown = shown(scoreboard);
            for (Lm lm : Lm.values()) {
                if (count(expected, lm, week) > 0 && !shown.contains(lm)) {
                    notes.add(String.format("WIG-meeting agenda %s does not list %s (the rule counts %d there)",
                            label(week), lm, count(expected, lm, week)));
                }
            }
        }
    }

    // --- reporting-service: the lead-measure verdict and the unit roll-up --------------------------------------

    /** The verdict of M1, M2 and M3: each recent week's actual, and the week the recent weeks end at. */
    private void reportingVerdicts(Map<Lm, Map<String, Integer>> expected) {
        for (Lm lm : Lm.values()) {
            JsonNode verdict = client.get(client.endpoints().reporting(),
                    "/reports/lead-measures/" + ids.get(lm) + "/verdict");
            JsonNode lead = verdict.path("lead");
            if (lead.isMissingNode() || lead.isNull()) {
                softly.fail("[verdict] %s shows no lead weeks, but the rule counts %s", lm, expected.get(lm));
                continue;
            }
            softly.assertThat(lead.path("referenceWeek").asText())
                    .as("[verdict] %s: the recent weeks end at the latest week with data (before the week in progress)",
                            lm)
                    .isEqualTo(referenceWeek(expected.get(lm), week(LocalDate.now(ZONE))));
            for (JsonNode week : lead.path("recentWeeks")) {
                String name = week.path("week").asText();
                softly.assertThat(week.path("actual").asInt(-1))
                        .as("[verdict] %s in %s", lm, label(name)).isEqualTo(count(expected, lm, name));
            }
        }
    }

    /** The unit's roll-up on the Monday after each week: each lead measure's lastWeekActual. */
    private void reportingRollups(Map<Lm, Map<String, Integer>> expected, SortedSet<String> weeks) {
        for (String week : weeks) {
            LocalDate on = monday(week).plusWeeks(1);
            JsonNode rollup = client.get(client.endpoints().reporting(), "/units/" + unit + "/rollup?on=" + on);
            JsonNode ours = teamOf(rollup);
            for (JsonNode measure : ours.path("leadMeasures")) {
                Lm lm = lmOf(measure);
                if (lm == null) {
                    continue;
                }
                softly.assertThat(measure.path("lastWeek").asText()).as("[unit roll-up on %s] last week", on)
                        .isEqualTo(week);
                softly.assertThat(measure.path("lastWeekActual").asInt(-1))
                        .as("[unit roll-up on %s] %s in %s", on, lm, label(week)).isEqualTo(count(expected, lm, week));
            }
            assertShowsWhatCounts("unit roll-up on " + on, shown(ours), expected, week);
        }
    }

    /**
     * Waits until reporting-service holds the run's activities (design effectiveness counts every activity of the
     * type, whatever lead measure) and the lead measures' statuses (the roll-up lists them all).
     */
    private void awaitReporting(int activities) {
        awaitReportingActivities(activities);
        Predicate<JsonNode> statuses = rollup -> statuses(teamOf(rollup).path("leadMeasures"));
        JsonNode rollup = awaitOrLast(client.endpoints().reporting(), "/units/" + unit + "/rollup", statuses,
                "reporting-service to know M1 retired, M2 and M3 active");
        softly.assertThat(statuses.test(rollup))
                .as("[reporting] reporting-service knows M1 retired, M2 and M3 active: %s", rollup).isTrue();
    }

    /** Waits until design effectiveness counts the run's {@code activities} (every one of its type, whatever lead measure). */
    private void awaitReportingActivities(int activities) {
        Predicate<JsonNode> allActivities = report -> {
            int sum = 0;
            for (JsonNode arm : report.path("items")) {
                sum += arm.path("activities").asInt();
            }
            return sum == activities;
        };
        JsonNode report = awaitOrLast(client.endpoints().reporting(),
                "/reports/design-effectiveness?activityType=" + activityType, allActivities,
                "reporting-service to hold the " + activities + " activities");
        softly.assertThat(allActivities.test(report))
                .as("[reporting] reporting-service holds the %d activities: %s", activities, report).isTrue();
    }

    private JsonNode teamOf(JsonNode rollup) {
        for (JsonNode entry : rollup.path("teams")) {
            if (entry.path("teamId").asText().equals(team.toString())) {
                return entry;
            }
        }
        return client.object();
    }

    // --- the rule and the expectations ------------------------------------------------------------------------

    /**
     * The rule: the lead measures active at {@code at} ({@code activeFrom ≤ at <} retirement); the one named if it is
     * among them, otherwise all of them. (All of the run's lead measures are of its team and activity type.)
     */
    static Set<Lm> rule(Instant at, Lm named, Map<Lm, Instant> activeFrom, Map<Lm, Instant> retiredAt) {
        Set<Lm> active = EnumSet.noneOf(Lm.class);
        activeFrom.forEach((lm, from) -> {
            Instant until = retiredAt.get(lm);
            if (!at.isBefore(from) && (until == null || at.isBefore(until))) {
                active.add(lm);
            }
        });
        return named != null && active.contains(named) ? EnumSet.of(named) : active;
    }

    /** Per lead measure and ISO week: the activities the table counts toward it. */
    static Map<Lm, Map<String, Integer>> expected(Iterable<Carried> carried) {
        Map<Lm, Map<String, Integer>> counts = new EnumMap<>(Lm.class);
        for (Lm lm : Lm.values()) {
            counts.put(lm, new TreeMap<>());
        }
        for (Carried activity : carried) {
            for (Lm lm : activity.step().countsToward()) {
                counts.get(lm).merge(week(activity.at()), 1, Integer::sum);
            }
        }
        return counts;
    }

    static int count(Map<Lm, Map<String, Integer>> expected, Lm lm, String week) {
        return expected.get(lm).getOrDefault(week, 0);
    }

    /** Where the verdict's recent weeks end: the latest week with data before the current one, else the latest. */
    static String referenceWeek(Map<String, Integer> byWeek, String currentWeek) {
        TreeSet<String> withData = new TreeSet<>();
        byWeek.forEach((week, count) -> {
            if (count > 0) {
                withData.add(week);
            }
        });
        if (withData.isEmpty()) {
            return null;
        }
        String earlier = withData.lower(currentWeek);
        return earlier != null ? earlier : withData.last();
    }

    /** A surface must show every lead measure that counts something in the week it reports. */
    private void assertShowsWhatCounts(String surface, Set<Lm> shown, Map<Lm, Map<String, Integer>> expected,
                                       String week) {
        for (Lm lm : Lm.values()) {
            int count = count(expected, lm, week);
            if (count > 0) {
                softly.assertThat(shown).as("[%s] lists %s, which counts %d in %s", surface, lm, count, label(week))
                        .contains(lm);
            }
        }
    }

    // --- reading the answers ----------------------------------------------------------------------------------

    private Lm lmOf(JsonNode measure) {
        String id = measure.path("leadMeasureId").asText();
        for (Map.Entry<Lm, UUID> entry : ids.entrySet()) {
            if (entry.getValue().toString().equals(id)) {
                return entry.getKey();
            }
        }
        return null;
    }

    /** The run's lead measures an answer lists under {@code leadMeasures}. */
    private Set<Lm> shown(JsonNode withLeadMeasures) {
        Set<Lm> shown = EnumSet.noneOf(Lm.class);
        for (JsonNode measure : withLeadMeasures.path("leadMeasures")) {
            Lm lm = lmOf(measure);
            if (lm != null) {
                shown.add(lm);
            }
        }
        return shown;
    }

    /** M1 retired, M2 and M3 active in a list of lead measures. */
    private boolean statuses(JsonNode measures) {
        Map<Lm, String> seen = new EnumMap<>(Lm.class);
        for (JsonNode measure : measures) {
            Lm lm = lmOf(measure);
            if (lm != null) {
                seen.put(lm, measure.path("status").asText());
            }
        }
        return "retired".equals(seen.get(M1)) && "active".equals(seen.get(M2)) && "active".equals(seen.get(M3));
    }

    private Instant activeFromOf(Lm lm) {
        JsonNode measure = client.get(client.endpoints().goal(), "/lead-measures/" + ids.get(lm));
        return Instant.parse(measure.path("activation").path("activeFrom").asText());
    }

    /**
     * Reads {@code path} until {@code until} holds; after {@link LoopSteps#PROPAGATION} without it, the last answer
     * (which the soft assertions then judge).
     */
    private JsonNode awaitOrLast(URI base, String path, Predicate<JsonNode> until, String what) {
        try {
            return client.await(base, path, until, LoopSteps.PROPAGATION, what);
        } catch (IllegalStateException notYet) {
            notes.add("waited " + LoopSteps.PROPAGATION.toSeconds() + " s in vain for " + what + "; judged its last answer");
            return client.get(base, path);
        }
    }

    // --- the scenario's steps ---------------------------------------------------------------------------------

    private UUID plan(String run, Step step, UUID design, Instant scheduledAt, UUID lead, UUID colleague) {
        return steps.planActivity(run + ":" + step.name(), team, unit, step.names() == null ? null : ids.get(step.names()),
                design, null, scheduledAt, "CV-" + step.name(), "call-centre", 40, List.of(lead, colleague));
    }

    private Carried carryOut(Step step, UUID activity, Instant at) {
        steps.carryOut(activity, at, 4, 4, "yes", List.of(), Map.of(Scenario.RECRUITED, 1));
        return new Carried(step, activity, at);
    }

    // --- time -------------------------------------------------------------------------------------------------

    /** 10:00 Stockholm time on {@code day} of week w{@code k}, w5 being the week of {@code thisMonday}. */
    static Instant at(LocalDate thisMonday, int k, DayOfWeek day) {
        return thisMonday.minusWeeks(5 - k).with(TemporalAdjusters.nextOrSame(day)).atTime(TEN).atZone(ZONE).toInstant();
    }

    static Instant at(LocalDate thisMonday, Step step) {
        return at(thisMonday, step.week(), step.day());
    }

    static String week(LocalDate day) {
        return Periods.week(day);
    }

    static String week(Instant at) {
        return week(LocalDate.ofInstant(at, ZONE));
    }

    static String month(Instant at) {
        return YearMonth.from(LocalDate.ofInstant(at, ZONE)).toString();
    }

    /** The Monday of an ISO week such as 2026-W09. */
    static LocalDate monday(String week) {
        return Periods.weekStart(week);
    }

    private String label(String week) {
        String name = weekNames.get(week);
        return name == null ? week : week + " (" + name + ")";
    }

    private String describe(Map<Lm, Map<String, Integer>> expected) {
        StringBuilder text = new StringBuilder();
        weekNames.forEach((week, name) -> {
            text.append(name).append(' ').append(week).append(':');
            for (Lm lm : Lm.values()) {
                int count = count(expected, lm, week);
                if (count > 0) {
                    text.append(' ').append(lm).append('=').append(count);
                }
            }
            text.append("; ");
        });
        return text.toString();
    }
}
