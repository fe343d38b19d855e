package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo is played by its people, each doing what their role in the organisation lets them (ADR 15): the org
 * admin's client sets up the organisation and the organisation's WIG; the unit's manager its WIG, its designs and its
 * workplace meetings; each team lead the team's WIG, lead measures, lag readings and WIG meetings; a member of the
 * team plans, carries out and evaluates its activities. Every person it acts as can sign in to the local realm.
 */
class SimulationPeopleTest {

    private static final Instant NOW = LocalDate.of(2026, 12, 2).atTime(11, 0).atZone(Scenarios.STOCKHOLM).toInstant();

    /** The recorded steps, each with the person it was taken as (null: the client's own identity, the org admin). */
    static final class StepsWithActors extends SimulationClockTest.RecordingSteps {

        final List<String> taken = new ArrayList<>();
        final Map<UUID, String> teams = new HashMap<>();
        private final Deque<UUID> actors = new ArrayDeque<>();

        StepsWithActors() {
            super(NOW);
        }

        @Override
        public <T> T as(UUID person, Supplier<T> step) {
            actors.push(person);
            try {
                return step.get();
            } finally {
                actors.pop();
            }
        }

        private void took(String step, Object about) {
            taken.add(step + " " + about + " by " + (actors.isEmpty() ? "admin" : actors.peek()));
        }

        @Override
        public UUID unit(String key, String name, UUID managerId) {
            took("unit", name);
            return super.unit(key, name, managerId);
        }

        @Override
        public UUID team(String key, UUID unitId, String name) {
            UUID id = super.team(key, unitId, name);
            teams.put(id, name);
            took("team", name);
            return id;
        }

        @Override
        public UUID wig(String key, String title, UUID teamId, UUID unitId, UUID parentWigId, String metric, int from,
                        int to, LocalDate startDate, LocalDate deadline) {
            took("wig", teamId != null ? "team " + teams.get(teamId) : unitId != null ? "unit" : "organisation");
            return super.wig(key, title, teamId, unitId, parentWigId, metric, from, to, startDate, deadline);
        }

        @Override
        public UUID design(String key, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                           List<String> segments, String intention, List<String> steps, List<String> talkingPoints,
                           String hypothesis) {
            took("design", name);
            return super.design(key, unitId, teamId, name, activityType, leadMeasureId, segments, intention, steps,
                    talkingPoints, hypothesis);
        }

        @Override
        public UUID planActivity(String key, UUID teamId, UUID unitId, UUID leadMeasureId, UUID designId,
                                 Integer designVersion, Instant scheduledAt, String workplace, String segment,
                                 int employees, List<UUID> participants) {
            took("plan", "team " + teams.get(teamId));
            return super.planActivity(key, teamId, unitId, leadMeasureId, designId, designVersion, scheduledAt,
                    workplace, segment, employees, participants);
        }

        @Override
        public void carryOut(UUID activityId, Instant carriedOutAt, int presence, int focus, String intentionReached,
                             List<Map<String, String>> adaptations, Map<String, Integer> outcomes) {
            took("carry-out", "activity");
            super.carryOut(activityId, carriedOutAt, presence, focus, intentionReached, adaptations, outcomes);
        }

        @Override
        public JsonNode openWigMeeting(UUID teamId, String week) {
            took("wig-meeting", "team " + teams.get(teamId));
            return super.openWigMeeting(teamId, week);
        }

        @Override
        public JsonNode openWorkplaceMeeting(UUID unitId, String month) {
            took("workplace-meeting", month);
            return super.openWorkplaceMeeting(unitId, month);
        }

        @Override
        public JsonNode agreement(UUID meetingId, ObjectNode agreement) {
            took("agreement", agreement.path("kind").asText());
            return super.agreement(meetingId, agreement);
        }

        @Override
        public JsonNode closeWorkplaceMeeting(UUID meetingId) {
            took("close-workplace-meeting", "");
            return super.closeWorkplaceMeeting(meetingId);
        }
    }

    @Test
    void eachStepIsTakenByThePersonWhoseRoleItIs_andEachOfThemCanSignIn() {
        Scenario demo = Scenarios.demo(NOW);
        StepsWithActors steps = new StepsWithActors();
        new Simulation(steps, demo, line -> { }).run();

        UUID manager = Simulation.managerOf(demo);
        UUID harbourLead = Simulation.memberOf(demo, "Team Harbour", 0);
        UUID harbourMember = Simulation.memberOf(demo, "Team Harbour", 1);
        UUID phoneLead = Simulation.memberOf(demo, "Team Phone", 0);
        assertThat(steps.taken)
                .contains("unit Region office Nordväst by admin", "team Team Harbour by admin",
                        "wig organisation by admin", "wig unit by " + manager,
                        "wig team Team Harbour by " + harbourLead, "design Break-room talk by " + manager,
                        "plan team Team Harbour by " + harbourMember, "carry-out activity by " + harbourMember,
                        "wig-meeting team Team Phone by " + phoneLead, "workplace-meeting 2026-11 by " + manager,
                        "agreement replace-lead-measure by " + manager, "close-workplace-meeting  by " + manager);
        for (String step : steps.taken) {
            String team = step.replaceAll("^(plan|wig-meeting|wig) team (Team \\w+) by .*$", "$2");
            if (step.startsWith("plan team ")) {
                assertThat(step).as("a member of the team, not its lead, plans").endsWith(
                        " by " + Simulation.memberOf(demo, team, 1));
            } else if (step.startsWith("wig-meeting team ") || step.startsWith("wig team ")) {
                assertThat(step).as("the team's lead").endsWith(" by " + Simulation.memberOf(demo, team, 0));
            } else if (step.startsWith("workplace-meeting") || step.startsWith("agreement")
                    || step.startsWith("close-workplace-meeting") || step.startsWith("design")) {
                assertThat(step).as("the unit's manager").endsWith(" by " + manager);
            }
        }

        Map<UUID, String> realm = DemoPeople.usernames(demo);
        List<String> actors = steps.taken.stream().map(step -> step.substring(step.lastIndexOf(" by ") + 4))
                .filter(actor -> !actor.equals("admin")).distinct().toList();
        assertThat(actors).as("everybody the demo acts as is a user of the local realm").isNotEmpty()
                .allSatisfy(actor -> assertThat(realm).containsKey(UUID.fromString(actor)));
        assertThat(realm.get(manager)).isEqualTo("manager");
        assertThat(realm.get(harbourLead)).isEqualTo("lead");
        assertThat(realm.get(harbourMember)).isEqualTo("member");
    }
}
