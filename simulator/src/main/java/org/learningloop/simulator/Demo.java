package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads the living demo ({@link Scenarios#demo}) into running services through their public REST APIs:
 * {@code bin/loop up --demo} runs it. The load is recorded in a small state file ({@link DemoRecord}): the instant
 * it is played up to when it begins, and its completion once every step of the scenario is done. Loading again is
 * safe: a completed load is left as it is, and one that was interrupted (or failed) plays the same scenario again,
 * up to the same instant, and so goes on where it stopped (every step is idempotent).
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
        Path state = Path.of(option(args, "--state", Path.of(".loop", "demo.json").toString()));
        // the organisation is set up by the demo loader's client (an org admin; see SignIn for the settings); the
        // demo's people do the rest signed in as themselves when LOOP_DEMO_PASSWORD is their password in the realm
        String password = SignIn.env("LOOP_DEMO_PASSWORD", "");
        People people = password.isEmpty() ? People.nobody()
                : DemoPeople.signedIn(Scenarios.demo(Instant.now()), SignIn.issuerFromEnvironment(), password);
        LoopSteps steps = new LoopSteps(new LoopClient(new LoopClient.Endpoints(goal, activity, learning, reporting),
                new ObjectMapper(), SignIn.fromEnvironment()), people);
        try {
            loadAndDescribe(steps, Clock.systemUTC(), state);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("Loading the demo failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Loads the demo unless a completed load is recorded in {@code state}; what the demo set up (and played, when
     * it played now). A new load is played up to {@code clock}'s instant; a load recorded as begun and not completed
     * is played again up to the instant it began with.
     */
    public static Simulation.Result loadAndDescribe(LoopSteps steps, Clock clock, Path state) {
        Scenario scenario = Scenarios.demo(clock.instant());
        Optional<JsonNode> unit = findUnit(steps, scenario.unitName(), Simulation.managerOf(scenario));
        Optional<DemoRecord> recorded = DemoRecord.read(state)
                .filter(record -> record.scenario().equals(scenario.name()) && record.seed() == scenario.seed())
                .filter(record -> record.matches(unit.map(u -> UUID.fromString(u.path("id").asText()))));
        Instant now;
        if (recorded.isPresent()) {
            now = recorded.get().playedUpTo();
            if (recorded.get().completedAt() != null) {
                System.out.println("The demo is loaded already (" + scenario.unitName() + ", played up to " + now
                        + ", completed " + recorded.get().completedAt() + "); nothing to do.");
                Simulation.Result loaded = new Simulation(steps, Scenarios.demo(now), line -> { }).describe();
                printTryThis(steps.client().endpoints(), loaded);
                return loaded;
            }
            System.out.println("A demo load begun at " + now + " did not finish; going on with it.");
        } else if (unit.isPresent()) {
            // a unit without a record of its load (the state file was lost, or an older version loaded it):
            // play the scenario to its end up to the instant the unit was created; what is there is left as it is
            now = Instant.parse(unit.get().path("createdAt").asText());
            System.out.println("Found the demo's unit (created " + now + ") with no record of a completed load; "
                    + "playing the scenario to its end.");
        } else {
            now = clock.instant();
        }
        Scenario playing = Scenarios.demo(now);
        DemoRecord begun = DemoRecord.begun(playing, unit.map(u -> UUID.fromString(u.path("id").asText())).orElse(null));
        begun.write(state);
        long started = System.nanoTime();
        System.out.println("Loading the demo (seed " + playing.seed() + ", " + playing.months()
                + " complete months and the current one up to " + now + ") through the services' REST APIs:");
        Simulation.Result result = new Simulation(steps, playing, System.out::println).run();
        begun.completed(result.unitId(), clock.instant()).write(state);
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

    /** A curl command line signed in as the demo's organisation admin (bin/loop token). */
    private static final String CURL = "  curl -s -H \"Authorization: Bearer $(bin/loop token admin)\" '";

    private static void printTryThis(LoopClient.Endpoints endpoints, Simulation.Result result) {
        Simulation.TeamIds phone = result.team("Team Phone");
        System.out.println();
        System.out.println("Try:");
        System.out.println("  # which design works best where, and what to try next month");
        System.out.println(CURL + endpoints.reporting() + "/reports/best-designs?activityType=workplace-visit'");
        System.out.println("  # is Team Phone's lead measure (calls to members) wrong?");
        System.out.println(CURL + endpoints.reporting() + "/reports/lead-measures/" + phone.leadMeasureId()
                + "/verdict'");
        System.out.println("  # Team Harbour's loop iterations: designs, activities, learnings, agreements");
        System.out.println(CURL + endpoints.learning() + "/teams/" + result.team("Team Harbour").teamId()
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
