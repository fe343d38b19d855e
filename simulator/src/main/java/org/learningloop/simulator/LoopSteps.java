package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the people of an organisation do through the public APIs, one call per step, each safe to repeat:
 * creations carry an {@code Idempotency-Key}, and a change already made (an activity already carried out,
 * a member already in the team) is recognised and left alone. So an interrupted demo load can simply run again.
 * Not final: the simulator's own tests record the steps a simulation takes instead of calling the services.
 */
public class LoopSteps {

    public static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final LoopClient client;
    private final People people;
    private final URI goal;
    private final URI activity;
    private final URI learning;

    /** Steps all taken by {@code client}'s own identity. */
    public LoopSteps(LoopClient client) {
        this(client, People.nobody());
    }

    /** Steps taken by the person each is {@link #as as}, where that person can sign in ({@code people}). */
    public LoopSteps(LoopClient client, People people) {
        this.client = client;
        this.people = people;
        this.goal = client.endpoints().goal();
        this.activity = client.endpoints().activity();
        this.learning = client.endpoints().learning();
    }

    public LoopClient client() {
        return client;
    }

    /**
     * Takes {@code step} as {@code person} (signed in with their token), or as the client's own identity when the
     * person cannot sign in. A person's rights in a team follow the organisation's events (ADR 15): right after
     * being added, the other services may not know them yet, so a step refused with 403 is taken again (every step
     * is safe to repeat) until {@link #PROPAGATION} has passed.
     */
    public <T> T as(UUID person, java.util.function.Supplier<T> step) {
        var token = people.tokenOf(person);
        if (token.isEmpty()) {
            return step.get();
        }
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (true) {
            try {
                return client.actingAs(token.get(), step);
            } catch (ApiProblem problem) {
                if (problem.status() != 403 || System.nanoTime() > deadline) {
                    throw problem;
                }
                LoopClient.sleep(Duration.ofMillis(250));
            }
        }
    }

    /** {@link #as} for a step without a result. */
    public void run(UUID person, Runnable step) {
        as(person, () -> {
            step.run();
            return null;
        });
    }

    // --- organisation and goals (goal-service) ----------------------------------------------------------------

    public UUID unit(String key, String name, UUID managerId) {
        return id(client.create(goal, "/units", client.object().put("name", name).put("managerId", managerId.toString()),
                key));
    }

    public UUID team(String key, UUID unitId, String name) {
        return id(client.create(goal, "/teams", client.object().put("unitId", unitId.toString()).put("name", name), key));
    }

    public void member(UUID teamId, UUID memberId, String displayName, String role) {
        try {
            client.change(goal, "POST", "/teams/" + teamId, "/teams/" + teamId + "/members", client.object()
                    .put("memberId", memberId.toString()).put("displayName", displayName).put("role", role));
        } catch (ApiProblem problem) {
            if (!"already-member".equals(problem.code())) {
                throw problem;
            }
        }
    }

    /** A WIG "from X to Y by when" with a monthly lag measure; {@code teamId}, {@code unitId}, {@code parentWigId} may be null. */
    public UUID wig(String key, String title, UUID teamId, UUID unitId, UUID parentWigId, String metric, int from, int to,
                    LocalDate startDate, LocalDate deadline) {
        ObjectNode body = client.object().put("title", title);
        putIfPresent(body, "teamId", teamId);
        putIfPresent(body, "unitId", unitId);
        putIfPresent(body, "parentWigId", parentWigId);
        body.putObject("lagMeasure").put("metric", metric).put("unit", "members").put("from", from).put("to", to)
                .put("startDate", startDate.toString()).put("deadline", deadline.toString()).put("cadence", "month");
        return id(client.create(goal, "/wigs", body, key));
    }

    /** The lag measure's value for a month ({@code 2026-10}); the same value again changes nothing. */
    public void lagReading(UUID wigId, String period, long value) {
        client.change(goal, "POST", "/wigs/" + wigId, "/wigs/" + wigId + "/lag-readings",
                client.object().put("period", period).put("value", value));
    }

    /** Proposes a lead measure whose lead-measure-tool checklist is met in full, and activates it from now on. */
    public UUID activeLeadMeasure(String key, UUID wigId, String name, String activityType, int weeklyTarget,
                                  String hypothesis) {
        return activeLeadMeasure(key, wigId, name, activityType, weeklyTarget, hypothesis, null);
    }

    /**
     * Proposes a lead measure whose lead-measure-tool checklist is met in full, and activates it as in use since
     * {@code activeFrom} (null: from now on), so activities carried out since then count.
     */
    public UUID activeLeadMeasure(String key, UUID wigId, String name, String activityType, int weeklyTarget,
                                  String hypothesis, Instant activeFrom) {
        UUID id = proposedLeadMeasure(key, wigId, name, activityType, weeklyTarget, hypothesis);
        JsonNode body = activeFrom == null ? null : client.object().put("activeFrom", activeFrom.toString());
        client.changeIf(goal, "POST", "/lead-measures/" + id, "/lead-measures/" + id + "/activate", body,
                current -> "proposed".equals(current.path("status").asText()));
        return id;
    }

    public UUID proposedLeadMeasure(String key, UUID wigId, String name, String activityType, int weeklyTarget,
                                    String hypothesis) {
        ObjectNode body = client.object().put("wigId", wigId.toString()).put("name", name)
                .put("activityType", activityType).put("weeklyTarget", weeklyTarget).put("hypothesis", hypothesis);
        ObjectNode checklist = body.putObject("checklist");
        for (String criterion : List.of("predictive", "influenceable", "measurable", "teamOwned", "ongoing")) {
            checklist.putObject(criterion).put("met", true);
        }
        return id(client.create(goal, "/lead-measures", body, key));
    }

    public JsonNode scoreboard(UUID teamId, String week) {
        return client.get(goal, "/teams/" + teamId + "/scoreboard" + (week == null ? "" : "?week=" + week));
    }

    // --- designs and activities (activity-service) ------------------------------------------------------------

    /**
     * An activity type of the catalog that records the members recruited (the scenarios' outcome); one that exists
     * already is left as it is, but for declaring that outcome when it does not yet.
     */
    public void activityType(String key, String name) {
        ObjectNode recruited = client.object().put("name", Scenario.RECRUITED).put("label", "Members recruited")
                .put("unit", "members");
        ObjectNode body = client.object().put("key", key).put("name", name);
        body.putArray("outcomes").add(recruited);
        try {
            client.post(activity, "/activity-types", body);
        } catch (ApiProblem problem) {
            if (!"activity-type-exists".equals(problem.code())) {
                throw problem;
            }
            try {
                client.post(activity, "/activity-types/" + key + "/outcomes", recruited);
            } catch (ApiProblem declared) {
                if (!"outcome-exists".equals(declared.code())) {
                    throw declared;
                }
            }
        }
    }

    public UUID design(String key, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                       List<String> segments, String intention, List<String> steps, List<String> talkingPoints,
                       String hypothesis) {
        ObjectNode body = client.object().put("unitId", unitId.toString()).put("teamId", teamId.toString())
                .put("name", name).put("activityType", activityType).put("intention", intention)
                .put("hypothesis", hypothesis);
        putIfPresent(body, "leadMeasureId", leadMeasureId);
        strings(body.putArray("segments"), segments);
        ObjectNode frames = body.putObject("frames").put("durationMinutes", 45).put("place", "The workplace's break room");
        strings(frames.putArray("participants"), List.of("two union representatives"));
        strings(frames.putArray("materials"), List.of("Leaflet on the collective agreement", "Membership forms"));
        ObjectNode content = body.putObject("content");
        strings(content.putArray("steps"), steps);
        strings(content.putArray("talkingPoints"), talkingPoints);
        return id(client.create(activity, "/designs", body, key));
    }

    public JsonNode designById(UUID designId) {
        return client.get(activity, "/designs/" + designId);
    }

    /** Plans an activity; its id. */
    public UUID planActivity(String key, UUID teamId, UUID unitId, UUID leadMeasureId, UUID designId, Integer designVersion,
                             Instant scheduledAt, String workplace, String segment, int employees,
                             List<UUID> participants) {
        ObjectNode body = client.object().put("teamId", teamId.toString()).put("unitId", unitId.toString())
                .put("designId", designId.toString()).put("scheduledAt", scheduledAt.toString())
                .put("preparation", "Read the design, agree roles, bring the material")
                .put("hypothesis", "The design's intention gets through at this workplace");
        putIfPresent(body, "leadMeasureId", leadMeasureId);
        if (designVersion != null) {
            body.put("designVersion", designVersion);
        }
        body.putObject("workplace").put("reference", workplace).put("segment", segment).put("employees", employees);
        ArrayNode people = body.putArray("participants");
        participants.forEach(id -> people.add(id.toString()));
        return id(client.create(activity, "/activities", body, key));
    }

    public JsonNode activityById(UUID activityId) {
        return client.get(activity, "/activities/" + activityId);
    }

    /** Carries the planned activity out; an activity carried out already is left as it is. */
    public void carryOut(UUID activityId, Instant carriedOutAt, int presence, int focus, String intentionReached,
                         List<Map<String, String>> adaptations, Map<String, Integer> outcomes) {
        ObjectNode body = client.object().put("carriedOutAt", carriedOutAt.toString()).put("presence", presence)
                .put("focus", focus).put("intentionReached", intentionReached);
        ArrayNode list = body.putArray("adaptations");
        adaptations.forEach(adaptation -> list.add(client.json().valueToTree(adaptation)));
        body.set("outcomes", client.json().valueToTree(outcomes));
        client.changeIf(activity, "POST", "/activities/" + activityId, "/activities/" + activityId + "/carry-out", body,
                current -> "planned".equals(current.path("status").asText()));
    }

    /** Evaluates the activity: quality per dimension (intention, frames, content, presence, focus, flexibility). */
    public void evaluate(UUID activityId, Map<String, Integer> quality, List<Map<String, String>> proposals) {
        ObjectNode body = client.object();
        ObjectNode filtering = body.putObject("filtering");
        strings(filtering.putArray("signal"), List.of("Questions about the collective agreement"));
        strings(filtering.putArray("noise"), List.of("The coffee machine broke"));
        body.set("quality", client.json().valueToTree(quality));
        ArrayNode list = body.putArray("improvementProposals");
        proposals.forEach(proposal -> list.add(client.json().valueToTree(proposal)));
        client.changeIf(activity, "POST", "/activities/" + activityId, "/activities/" + activityId + "/evaluate", body,
                current -> "carried-out".equals(current.path("status").asText()));
    }

    /** Sorted feedback from one participant to another; given once per activity by this step. */
    public void feedback(UUID activityId, UUID from, UUID to, List<Map<String, String>> items) {
        ObjectNode body = client.object().put("fromMemberId", from.toString()).put("toMemberId", to.toString());
        ArrayNode list = body.putArray("items");
        items.forEach(item -> list.add(client.json().valueToTree(item)));
        client.changeIf(activity, "POST", "/activities/" + activityId, "/activities/" + activityId + "/feedback", body,
                current -> current.path("feedback").isEmpty());
    }

    // --- learning (learning-service) --------------------------------------------------------------------------

    /**
     * Opens the team's WIG meeting for the ISO week; the meeting with its agenda, also when an earlier run opened it
     * and did not record it; {@code null} when it is held already.
     */
    public JsonNode openWigMeeting(UUID teamId, String week) {
        try {
            return client.post(learning, "/teams/" + teamId + "/wig-meetings", client.object().put("week", week));
        } catch (ApiProblem problem) {
            if (!"wig-meeting-exists".equals(problem.code())) {
                throw problem;
            }
            JsonNode meeting = client.get(learning, "/teams/" + teamId + "/wig-meetings/" + week);
            return "held".equals(meeting.path("status").asText()) ? null : meeting;
        }
    }

    public JsonNode recordWigMeeting(UUID meetingId, JsonNode record) {
        return client.change(learning, "POST", "/wig-meetings/" + meetingId, "/wig-meetings/" + meetingId + "/record",
                record);
    }

    /** Records a learning that confirms an open candidate. */
    public UUID learningFromCandidate(String key, UUID teamId, UUID candidateId, String insight, List<String> tags) {
        ObjectNode body = client.object().put("insight", insight).put("fromCandidateId", candidateId.toString());
        strings(body.putArray("tags"), tags);
        return id(client.create(learning, "/teams/" + teamId + "/learnings", body, key));
    }

    /**
     * Opens the unit's workplace meeting (APT) for the month; the meeting with its digest, or, when it exists
     * already, the meeting as it stands (its {@code status}, coaching notes and agreements).
     */
    public JsonNode openWorkplaceMeeting(UUID unitId, String month) {
        try {
            return client.post(learning, "/units/" + unitId + "/workplace-meetings", client.object().put("month", month));
        } catch (ApiProblem problem) {
            if (!"workplace-meeting-exists".equals(problem.code())) {
                throw problem;
            }
            String cursor = null;
            do {
                JsonNode page = client.get(learning, "/units/" + unitId + "/workplace-meetings?limit=200"
                        + (cursor == null ? "" : "&cursor=" + cursor));
                for (JsonNode meeting : page.path("items")) {
                    if (month.equals(meeting.path("month").asText())) {
                        return workplaceMeeting(UUID.fromString(meeting.path("id").asText()));
                    }
                }
                cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
            } while (cursor != null);
            throw problem;
        }
    }

    public JsonNode workplaceMeeting(UUID meetingId) {
        return client.get(learning, "/workplace-meetings/" + meetingId);
    }

    public JsonNode coachingNote(UUID meetingId, String note, UUID teamId) {
        ObjectNode body = client.object().put("note", note);
        putIfPresent(body, "teamId", teamId);
        return client.change(learning, "POST", "/workplace-meetings/" + meetingId,
                "/workplace-meetings/" + meetingId + "/coaching-notes", body);
    }

    public JsonNode agreement(UUID meetingId, ObjectNode agreement) {
        return client.change(learning, "POST", "/workplace-meetings/" + meetingId,
                "/workplace-meetings/" + meetingId + "/agreements", agreement);
    }

    public JsonNode closeWorkplaceMeeting(UUID meetingId) {
        return client.change(learning, "POST", "/workplace-meetings/" + meetingId,
                "/workplace-meetings/" + meetingId + "/close", null);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    static UUID id(JsonNode created) {
        return UUID.fromString(created.path("id").asText());
    }

    private static void putIfPresent(ObjectNode body, String field, UUID value) {
        if (value != null) {
            body.put(field, value.toString());
        }
    }

    private static ArrayNode strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
        return array;
    }
}
