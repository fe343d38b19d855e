package org.learningloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.learningloop.simulator.LoopClient;
import org.learningloop.simulator.LoopSteps;
import org.learningloop.simulator.Scenario;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The data the HTTP figures run on, created through the public REST APIs by the organisation admin with fixed
 * idempotency keys, so a later run on the kept data finds the same unit, team, WIG, lead measure and design again:
 * a team of two with a WIG whose lead measure is workplace visits, and a design for small workplaces.
 */
final class Fixture {

    static final String SEGMENT = "small-6-30";

    private final LoopSteps steps;
    private final LoopClient client;
    final UUID unit;
    final UUID team;
    final UUID wig;
    final UUID leadMeasure;
    final UUID design;
    final List<UUID> members;
    final LocalDate start;

    private Fixture(LoopSteps steps, UUID unit, UUID team, UUID wig, UUID leadMeasure, UUID design, List<UUID> members,
                    LocalDate start) {
        this.steps = steps;
        this.client = steps.client();
        this.unit = unit;
        this.team = team;
        this.wig = wig;
        this.leadMeasure = leadMeasure;
        this.design = design;
        this.members = members;
        this.start = start;
    }

    static Fixture create(Stack stack) {
        LoopSteps steps = steps(stack);
        LocalDate start = YearMonth.now(ZoneOffset.UTC).minusMonths(3).atDay(1);
        UUID manager = uuid("manager");
        UUID unit = steps.unit(key("unit"), "Bench unit", manager);
        UUID team = steps.team(key("team"), unit, "Bench team");
        List<UUID> members = List.of(uuid("member-1"), uuid("member-2"));
        steps.member(team, members.get(0), "Bench member 1", "team-lead");
        steps.member(team, members.get(1), "Bench member 2", "member");
        UUID wig = steps.wig(key("wig"), "Bench: from 10 to 30 net new members a month", team, unit, null,
                "net new members per month", 10, 30, start, start.plusMonths(12));
        UUID leadMeasure = steps.activeLeadMeasure(key("lead-measure"), wig, "Workplace visits", Scenario.WORKPLACE_VISIT,
                5, "Five visits a week move net new members", start.atStartOfDay(ZoneOffset.UTC).toInstant());
        UUID design = steps.design(key("design"), unit, team, "Bench visit", Scenario.WORKPLACE_VISIT, null,
                List.of(SEGMENT), "Employees see what the union does for them and want to join",
                List.of("Introduce ourselves", "Invite to join"), List.of("The collective agreement"),
                "This design recruits members");
        return new Fixture(steps, unit, team, wig, leadMeasure, design, members, start);
    }

    /** The public APIs' steps, taken by the organisation admin. */
    static LoopSteps steps(Stack stack) {
        ObjectMapper json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return new LoopSteps(new LoopClient(new LoopClient.Endpoints(stack.url("goal-service"),
                stack.url("activity-service"), stack.url("learning-service"), stack.url("reporting-service")), json,
                Stack::adminToken));
    }

    /** Plans {@code count} activities of the team (eight at a time), scheduled an hour ago; their ids. */
    List<UUID> planActivities(int count) throws Exception {
        Instant scheduled = Instant.now().minus(2, ChronoUnit.HOURS);
        List<UUID> planned = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                work.add(pool.submit(() -> planned.add(steps.planActivity(UUID.randomUUID().toString(), team, unit,
                        leadMeasure, design, null, scheduled, "WP-bench", SEGMENT, 20, members))));
            }
            for (Future<?> each : work) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
        return planned;
    }

    /** The ETag of a resource as its service answers it. */
    String etag(java.net.URI service, String path) {
        return client.getAnswer(service, path).etag();
    }

    /**
     * A WIG of the team whose stream holds at least {@code events} events (its creation, then corrections of one
     * month's lag reading); made once, through the API, and found again by its key on a later run.
     */
    UUID wigWithEvents(String name, int events) {
        UUID id = steps.wig(key("wig-" + name), "Bench: a WIG with " + events + " events", team, unit, null,
                "net new members per month", 10, 30, start, start.plusMonths(12));
        String path = "/wigs/" + id;
        long version = version(etag(client.endpoints().goal(), path));
        String period = YearMonth.from(start).toString();
        if (version < events) {
            Progress.say("S2 generating the %s WIG's stream: %d events to add (once; kept for later runs)", name,
                    events - version);
        }
        for (long at = version; at < events; at++) {
            steps.lagReading(id, period, 10 + at % 2);
            if ((at + 1) % 1000 == 0) {
                Progress.say("S2 %s WIG at %d of %d events", name, at + 1, events);
            }
        }
        return id;
    }

    static long version(String etag) {
        return Long.parseLong(etag.replaceAll("[^0-9]", ""));
    }

    private static String key(String name) {
        return "bench-" + name;
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(("learning-loop-bench-" + name).getBytes(StandardCharsets.UTF_8));
    }
}
