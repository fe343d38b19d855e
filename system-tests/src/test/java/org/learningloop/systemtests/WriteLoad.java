package org.learningloop.systemtests;

import org.learningloop.contracts.Periods;
import org.learningloop.simulator.ApiProblem;
import org.learningloop.simulator.LoopSteps;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A steady write load from several teams, as their members' apps would send it: each team plans an activity,
 * carries it out and evaluates it, reads its scoreboard and its history, records (or corrects) a lag reading every
 * fourth round and opens a WIG meeting every fifth.
 * A step the service could not answer (connection refused or reset, 503, any other 5xx) is sent again, as a
 * client does, until it is acknowledged: creations with their {@code Idempotency-Key}, changes only when the
 * resource shows they are not made yet. Every acknowledged command goes into the {@link Ledger}.
 */
final class WriteLoad {

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    /** How long one step may go unanswered before the load gives up (the system did not recover). */
    private static final Duration STEP_DEADLINE = Duration.ofSeconds(180);

    /** One team's fixed data, set up before any fault. */
    record Team(UUID teamId, UUID unitId, UUID wigId, UUID leadMeasureId, UUID designId, List<UUID> members,
                LocalDate wigStart) {
    }

    private final LoopSteps steps;
    private final List<Team> teams;
    private final Ledger ledger;
    private final String run;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger[] rounds;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    WriteLoad(LoopSteps steps, List<Team> teams, Ledger ledger, String run) {
        this.steps = steps;
        this.teams = teams;
        this.ledger = ledger;
        this.run = run;
        this.rounds = new AtomicInteger[teams.size()];
        for (int i = 0; i < rounds.length; i++) {
            rounds[i] = new AtomicInteger();
        }
    }

    /** Sets up {@code count} teams, each with a unit, members, a WIG, an active lead measure and a design. */
    static List<Team> setUp(LoopSteps steps, String run, int count) {
        List<Team> teams = new ArrayList<>();
        LocalDate wigStart = LocalDate.now(ZONE).minusYears(6).withDayOfMonth(1);
        for (int i = 0; i < count; i++) {
            String key = run + ":team-" + i;
            UUID unit = steps.unit(key + ":unit", "Fault unit " + i, UUID.randomUUID());
            UUID team = steps.team(key, unit, "Fault team " + i);
            List<UUID> members = List.of(UUID.randomUUID(), UUID.randomUUID());
            steps.member(team, members.get(0), "Lead " + i, "team-lead");
            steps.member(team, members.get(1), "Colleague " + i, "member");
            UUID wig = steps.wig(key + ":wig", "From 10 to 30 members", team, unit, null, "members per month", 10, 30,
                    wigStart, LocalDate.now(ZONE).plusYears(1));
            UUID lead = steps.activeLeadMeasure(key + ":lead", wig, "Safety rounds", "safety-round", 5,
                    "Safety rounds bring members");
            UUID design = steps.design(key + ":design", unit, team, "Round " + i, "safety-round", lead,
                    List.of("call-centre"), "Employees see what the union does", List.of("Introduce ourselves"),
                    List.of("Pay"), "Short visits work");
            teams.add(new Team(team, unit, wig, lead, design, members, wigStart));
        }
        for (Team team : teams) {
            scoreboardKnows(steps, team.teamId());
        }
        return teams;
    }

    /**
     * Waits until goal-service's scoreboard knows the team: its projection learns of a team from the topic, so right
     * after the team is created (and while the consumer still joins its group) the scoreboard answers 404, as it
     * would to a client. The load reads the scoreboard from its first round, so it starts only once every team is
     * known.
     */
    private static void scoreboardKnows(LoopSteps steps, UUID teamId) {
        long deadline = System.nanoTime() + LoopSteps.PROPAGATION.toNanos();
        while (true) {
            try {
                steps.scoreboard(teamId, null);
                return;
            } catch (ApiProblem problem) {
                if (problem.status() != 404 || System.nanoTime() > deadline) {
                    throw problem;
                }
            }
            sleep(Duration.ofMillis(250));
        }
    }

    void start() {
        failures.clear(); // a scenario answers for its own load only
        running.set(true);
        for (int i = 0; i < teams.size(); i++) {
            int index = i;
            Thread thread = new Thread(() -> writeAsTeam(index), "load-team-" + i);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops after each team's step in flight is acknowledged; rethrows what made a team give up. */
    void stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(STEP_DEADLINE.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        threads.clear();
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("The write load gave up: " + failures.peek());
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    private void writeAsTeam(int index) {
        Team team = teams.get(index);
        try {
            while (running.get()) {
                round(index, team, rounds[index].getAndIncrement());
            }
        } catch (Throwable failure) {
            failures.add(failure);
        }
    }

    private void round(int index, Team team, int round) {
        String key = run + ":team-" + index + ":activity-" + round;
        Instant now = Instant.now();
        UUID activity = acknowledged("activity-service", () -> steps.planActivity(key, team.teamId(), team.unitId(),
                team.leadMeasureId(), team.designId(), null, now.minus(1, ChronoUnit.HOURS), "W-" + round,
                "call-centre", 40, team.members()));
        ledger.planned(activity);
        acknowledged("activity-service", () -> {
            steps.carryOut(activity, Instant.now(), 4, 3, "yes", List.of(), Map.of("risksFound", 1)); // an outcome safety rounds record
            return null;
        });
        ledger.carriedOut(team.teamId(), activity);
        acknowledged("activity-service", () -> {
            steps.evaluate(activity, Map.of("intention", 4, "frames", 3, "content", 4, "presence", 4, "focus", 3,
                    "flexibility", 4), List.of());
            return null;
        });
        ledger.evaluated(activity);
        if (round % 4 == 0) {
            // a month that has ended, the next one each time (then round again): a reading, later corrections
            long months = ChronoUnit.MONTHS.between(YearMonth.from(team.wigStart()), YearMonth.now(ZONE));
            String month = YearMonth.from(team.wigStart()).plusMonths((round / 4) % months).toString();
            long value = 10 + round;
            acknowledged("goal-service", () -> {
                steps.lagReading(team.wigId(), month, value);
                return null;
            });
            ledger.lagReading(team.wigId(), month + "=" + value);
        }
        // the team's scoreboard is read (goal-service)
        acknowledged("goal-service", () -> steps.scoreboard(team.teamId(), null));
        // and an analyst's app reads the team's history (reporting-service, read-only)
        acknowledged("reporting-service", () -> steps.client().get(steps.client().endpoints().reporting(),
                "/teams/" + team.teamId() + "/history?limit=5"));
        if (round % 5 == 0) {
            // a week that has begun, one further back each time
            LocalDate day = LocalDate.now(ZONE).minusWeeks(round / 5);
            String week = Periods.week(day);
            acknowledged("learning-service", () -> steps.openWigMeeting(team.teamId(), week));
            ledger.wigMeeting(team.teamId(), week);
        }
    }

    /** Sends {@code step} until it is acknowledged; counts what came back meanwhile. */
    private <T> T acknowledged(String service, Supplier<T> step) {
        long deadline = System.nanoTime() + STEP_DEADLINE.toNanos();
        while (true) {
            try {
                T result = step.get();
                ledger.answered(service);
                return result;
            } catch (ApiProblem problem) {
                if (problem.status() == 503) {
                    ledger.unavailable(service);
                } else if (problem.status() >= 500) {
                    ledger.serverError(service, problem.getMessage());
                } else {
                    throw problem; // a refusal: the load only sends what the rules allow
                }
            } catch (UncheckedIOException unreachable) {
                ledger.unavailable(service);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(service + " did not acknowledge a step within " + STEP_DEADLINE.toSeconds()
                        + " s");
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
