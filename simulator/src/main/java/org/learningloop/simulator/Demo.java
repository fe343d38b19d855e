package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads the living demo ({@link Scenarios#demo}) into running services through their public REST APIs:
 * {@code bin/loop up --demo} runs it. Loading again is safe: a demo loaded in full is left as it is, and a load
 * that was interrupted goes on where it stopped (same scenario, anchored on the day it began).
 */
public final class Demo {

    private Demo() {
    }

    public static void main(String[] args) {
        LoopClient.Endpoints local = LoopClient.Endpoints.local();
        URI goal = URI.create(option(args, "--goal", local.goal().toString()));
        URI activity = URI.create(option(args, "--activity", local.activity().toString()));
        URI learning = URI.create(option(args, "--learning", local.learning().toString()));
        URI reporting = URI.create(option(args, "--reporting", local.reporting().toString()));
        LoopSteps steps = new LoopSteps(new LoopClient(new LoopClient.Endpoints(goal, activity, learning, reporting),
                new ObjectMapper()));
        try {
            System.exit(load(steps, LocalDate.now(Scenarios.STOCKHOLM)) ? 0 : 1);
        } catch (RuntimeException e) {
            System.err.println("Loading the demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Loads the demo unless it is loaded already; true when it is loaded at the end. */
    public static boolean load(LoopSteps steps, LocalDate today) {
        loadAndDescribe(steps, today);
        return true;
    }

    /** Loads the demo unless it is loaded already; what the demo set up (and played, when it played now). */
    public static Simulation.Result loadAndDescribe(LoopSteps steps, LocalDate today) {
        Scenario scenario = Scenarios.demo(today);
        Optional<JsonNode> unit = findUnit(steps, scenario.unitName(), Simulation.managerOf(scenario));
        if (unit.isPresent()) {
            LocalDate anchor = LocalDate.ofInstant(Instant.parse(unit.get().path("createdAt").asText()), scenario.zone());
            scenario = Scenarios.demo(anchor);
            if (loaded(steps, UUID.fromString(unit.get().path("id").asText()), scenario)) {
                System.out.println("The demo is loaded already (" + scenario.unitName() + ", played up to " + anchor
                        + "); nothing to do.");
                return new Simulation(steps, scenario, line -> { }).describe();
            }
            System.out.println("A demo load begun on " + anchor + " did not finish; going on with it.");
        }
        long started = System.nanoTime();
        System.out.println("Loading the demo (seed " + scenario.seed() + ", " + scenario.months()
                + " complete months up to " + scenario.anchor() + ") through the services' REST APIs:");
        Simulation.Result result = new Simulation(steps, scenario, System.out::println).run();
        System.out.printf("Demo loaded in %d s: %d activities, %d WIG meetings, workplace meetings closed for %s, "
                        + "agreements %s.%n", (System.nanoTime() - started) / 1_000_000_000L, result.activities().size(),
                result.wigMeetings(), result.monthsClosed(), result.agreements());
        printTryThis(steps.client().endpoints(), result);
        return result;
    }

    /** The demo's unit: its name and the manager id only the demo gives (another unit may have the same name). */
    private static Optional<JsonNode> findUnit(LoopSteps steps, String name, UUID managerId) {
        String cursor = null;
        do {
            JsonNode page = steps.client().get(steps.client().endpoints().goal(),
                    "/units?limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode unit : page.path("items")) {
                if (name.equals(unit.path("name").asText())
                        && managerId.toString().equals(unit.path("managerId").asText())) {
                    return Optional.of(unit);
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        return Optional.empty();
    }

    /** Loaded in full: the workplace meeting of the last complete month is closed. */
    private static boolean loaded(LoopSteps steps, UUID unitId, Scenario scenario) {
        String last = YearMonth.from(scenario.anchor()).minusMonths(1).toString();
        JsonNode meetings = steps.client().get(steps.client().endpoints().learning(),
                "/units/" + unitId + "/workplace-meetings?limit=200");
        for (JsonNode meeting : meetings.path("items")) {
            if (last.equals(meeting.path("month").asText()) && "closed".equals(meeting.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    private static void printTryThis(LoopClient.Endpoints endpoints, Simulation.Result result) {
        Simulation.TeamIds phone = result.team("Team Phone");
        System.out.println();
        System.out.println("Try:");
        System.out.println("  # which design works best where, and what to try next month");
        System.out.println("  curl -s '" + endpoints.reporting() + "/reports/best-designs?activityType=workplace-visit'");
        System.out.println("  # is Team Phone's lead measure (calls to members) wrong?");
        System.out.println("  curl -s '" + endpoints.reporting() + "/reports/lead-measures/" + phone.leadMeasureId()
                + "/verdict'");
        System.out.println("  # Team Harbour's loop iterations: designs, activities, learnings, agreements");
        System.out.println("  curl -s '" + endpoints.learning() + "/teams/" + result.team("Team Harbour").teamId()
                + "/loops'");
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
