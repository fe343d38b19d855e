package org.learningloop.reporting.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Folds a team's history entries (its own and its unit's unit-wide events, in history order) into the team's
 * state, in two times (bi-temporal): {@code knownAt}, recording time (what the system knew then: entries recorded
 * later are left out), and optionally {@code validAt}, business time (the team as it stood then by what happened
 * then: entries whose {@link BusinessTime} is later are left out, and the rest are folded in business-time order,
 * recording order among equals). Pure: unknown types are ignored; the same entries always give the same state.
 */
public final class TeamStateFold {

    /**
     * One history entry: its CloudEvents type, recording time ({@code occurred_at}), business time ({@link
     * BusinessTime}; {@code null} for a definition, which holds at any business time) and payload (the event in its
     * current form).
     */
    public record Entry(String type, Instant time, Instant validFrom, JsonNode payload) {

        /** An entry whose business time is its recording time. */
        public Entry(String type, Instant time, JsonNode payload) {
            this(type, time, time, payload);
        }
    }

    private static final Comparator<Entry> BUSINESS_ORDER =
            Comparator.comparing(Entry::validFrom, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final UUID teamId;
    private final Instant knownAt;
    private final Instant validAt;
    private UUID unitId;
    private String name;
    private int folded;
    private Instant lastEventAt;
    private final Map<UUID, WigDraft> wigs = new LinkedHashMap<>();
    private final Map<UUID, LeadDraft> leads = new LinkedHashMap<>();
    private final Map<UUID, DesignDraft> designs = new LinkedHashMap<>();
    private final Map<UUID, String> activityPhase = new LinkedHashMap<>();
    private final Map<UUID, TeamState.Commitment> open = new LinkedHashMap<>();
    private Integer iteration;
    private String iterationFrom;
    private int meetingsClosed;

    private TeamStateFold(UUID teamId, Instant knownAt, Instant validAt) {
        this.teamId = teamId;
        this.knownAt = knownAt;
        this.validAt = validAt;
    }

    /** The team's state as the system knew it at {@code knownAt}, from its entries in history order. */
    public static TeamState fold(UUID teamId, Instant knownAt, Iterable<Entry> entries) {
        return fold(teamId, knownAt, null, entries);
    }

    /**
     * The team's state as it stood at {@code validAt} (business time; {@code null}: by recording time only) by what
     * the system knew at {@code knownAt}, from its entries in history (recording) order.
     */
    public static TeamState fold(UUID teamId, Instant knownAt, Instant validAt, Iterable<Entry> entries) {
        TeamStateFold fold = new TeamStateFold(teamId, knownAt, validAt);
        List<Entry> known = new ArrayList<>();
        for (Entry entry : entries) {
            if (!entry.time().isAfter(knownAt)
                    && (validAt == null || entry.validFrom() == null || !entry.validFrom().isAfter(validAt))) {
                known.add(entry);
            }
        }
        if (validAt != null) {
            known.sort(BUSINESS_ORDER); // stable: recording order among equal business times
        }
        known.forEach(fold::apply);
        return fold.state();
    }

    private void apply(Entry entry) {
        JsonNode e = entry.payload();
        folded++;
        lastEventAt = lastEventAt == null || entry.time().isAfter(lastEventAt) ? entry.time() : lastEventAt;
        switch (entry.type()) {
            case "goal.team-created.v1" -> {
                if (teamId.equals(uuid(e, "teamId"))) {
                    name = text(e, "name");
                    unitId = uuid(e, "unitId");
                }
            }
            case "goal.wig-defined.v1" -> {
                JsonNode lag = e.path("lagMeasure");
                wigs.put(uuid(e, "wigId"), new WigDraft(uuid(e, "wigId"), text(e, "title"), uuid(e, "teamId") == null,
                        text(lag, "metric"), text(lag, "unit"), decimal(lag, "from"), decimal(lag, "to"),
                        text(lag, "startDate"), text(lag, "deadline")));
            }
            case "goal.wig-revised.v1" -> wig(e).ifPresent(w -> {
                if (text(e, "title") != null) {
                    w.title = text(e, "title");
                }
                if (decimal(e, "to") != null) {
                    w.to = decimal(e, "to");
                }
                if (text(e, "deadline") != null) {
                    w.deadline = text(e, "deadline");
                }
            });
            case "goal.wig-achieved.v1" -> wig(e).ifPresent(w -> w.status = "achieved");
            case "goal.wig-abandoned.v1" -> wig(e).ifPresent(w -> w.status = "abandoned");
            case "goal.lag-reading-recorded.v1", "goal.lag-reading-corrected.v1" -> wig(e).ifPresent(w -> {
                w.lag.put(text(e, "period"), decimal(e, "value"));
                w.latest = decimal(e, "value");
            });
            case "goal.lead-measure-proposed.v1" -> leads.put(uuid(e, "leadMeasureId"),
                    new LeadDraft(uuid(e, "leadMeasureId"), uuid(e, "wigId"), text(e, "name"), text(e, "activityType"),
                            e.path("weeklyTarget").asInt()));
            case "goal.lead-measure-activated.v1", "goal.lead-measure-activated.v2" -> {
                LeadDraft lead = leads.computeIfAbsent(uuid(e, "leadMeasureId"), id -> new LeadDraft(id,
                        uuid(e, "wigId"), null, text(e, "activityType"), e.path("weeklyTarget").asInt()));
                lead.status = "active";
                lead.weeklyTarget = e.path("weeklyTarget").asInt(lead.weeklyTarget);
            }
            case "goal.lead-measure-retired.v1" -> {
                LeadDraft lead = leads.get(uuid(e, "leadMeasureId"));
                if (lead != null) {
                    lead.status = "retired";
                    lead.replacedBy = uuid(e, "replacedByLeadMeasureId");
                }
            }
            case "activity.design-created.v1", "activity.design-forked.v1" -> designs.put(uuid(e, "designId"),
                    new DesignDraft(uuid(e, "designId"), text(e, "name"), text(e, "activityType")));
            case "activity.design-revised.v1" -> {
                DesignDraft design = designs.computeIfAbsent(uuid(e, "designId"), id -> new DesignDraft(id, null, null));
                design.version = Math.max(design.version, e.path("version").asInt(design.version + 1));
            }
            case "activity.design-retired.v1" -> {
                DesignDraft design = designs.get(uuid(e, "designId"));
                if (design != null) {
                    design.retired = true;
                }
            }
            case "activity.planned.v1" -> {
                if (teamId.equals(uuid(e, "teamId"))) {
                    // in business time a plan can come after its carrying out (carried out before the date planned)
                    activityPhase.putIfAbsent(uuid(e, "activityId"), "planned");
                    used(e);
                }
            }
            case "activity.carried-out.v1" -> {
                if (teamId.equals(uuid(e, "teamId"))) {
                    activityPhase.merge(uuid(e, "activityId"), "carriedOut",
                            (was, now) -> was.equals("planned") ? now : was);
                    used(e);
                }
            }
            case "activity.evaluated.v1" -> {
                if (teamId.equals(uuid(e, "teamId"))) {
                    activityPhase.put(uuid(e, "activityId"), "evaluated");
                    used(e);
                }
            }
            case "activity.cancelled.v1" -> {
                if (teamId.equals(uuid(e, "teamId"))) {
                    activityPhase.put(uuid(e, "activityId"), "cancelled");
                }
            }
            case "learning.wig-meeting-held.v1" -> {
                for (JsonNode accounted : e.path("accountability")) {
                    open.remove(uuid(accounted, "commitmentId"));
                }
                for (JsonNode made : e.path("commitments")) {
                    UUID id = uuid(made, "commitmentId");
                    open.put(id, new TeamState.Commitment(id, text(made, "what"), uuid(made, "leadMeasureId"),
                            text(made, "dueWeek"), text(e, "week")));
                }
            }
            case "learning.loop-iteration-opened.v1" -> {
                iteration = e.path("iteration").asInt();
                iterationFrom = text(e, "fromMonth");
            }
            case "learning.loop-iteration-closed.v1" -> {
                iteration = e.path("iteration").asInt() + 1;
                iterationFrom = null;
            }
            case "learning.workplace-meeting-closed.v1" -> {
                boolean ours = false;
                for (JsonNode team : e.path("teamIds")) {
                    ours |= teamId.toString().equals(team.asText());
                }
                if (ours || e.path("teamIds").isMissingNode()) {
                    meetingsClosed++;
                }
            }
            default -> {
                // other types change nothing the state shows
            }
        }
    }

    private void used(JsonNode e) {
        UUID design = uuid(e, "designId");
        if (design == null) {
            return;
        }
        DesignDraft draft = designs.computeIfAbsent(design, id -> new DesignDraft(id, null, text(e, "activityType")));
        if (e.hasNonNull("designVersion")) {
            draft.inUse.add(e.path("designVersion").asInt());
        }
    }

    private java.util.Optional<WigDraft> wig(JsonNode e) {
        return java.util.Optional.ofNullable(wigs.get(uuid(e, "wigId")));
    }

    private TeamState state() {
        Map<String, List<UUID>> phases = new TreeMap<>();
        for (String phase : List.of("planned", "carriedOut", "evaluated", "cancelled")) {
            phases.put(phase, new ArrayList<>());
        }
        activityPhase.forEach((id, phase) -> phases.get(phase).add(id));
        phases.values().forEach(ids -> ids.sort(Comparator.naturalOrder()));
        TeamState.LoopIteration loop = iteration != null
                ? new TeamState.LoopIteration(iteration, iterationFrom, "loop-iteration-events")
                : new TeamState.LoopIteration(meetingsClosed + 1, null, "workplace-meetings-closed");
        return new TeamState(teamId, unitId, name, knownAt, knownAt, validAt, folded, lastEventAt,
                wigs.values().stream().map(WigDraft::wig).toList(),
                leads.values().stream().map(LeadDraft::lead).toList(),
                designs.values().stream().map(DesignDraft::design).toList(),
                new TeamState.Activities(phase(phases.get("planned")), phase(phases.get("carriedOut")),
                        phase(phases.get("evaluated")), phase(phases.get("cancelled"))),
                List.copyOf(open.values()), loop);
    }

    private static TeamState.Phase phase(List<UUID> ids) {
        return new TeamState.Phase(ids.size(), List.copyOf(ids));
    }

    private static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : UUID.fromString(value.asText());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asText());
    }

    private static final class WigDraft {
        final UUID id;
        final boolean unitWide;
        final String metric;
        final String unit;
        final BigDecimal from;
        final String startDate;
        String title;
        BigDecimal to;
        String deadline;
        String status = "active";
        final Map<String, BigDecimal> lag = new TreeMap<>();
        BigDecimal latest;

        WigDraft(UUID id, String title, boolean unitWide, String metric, String unit, BigDecimal from, BigDecimal to,
                 String startDate, String deadline) {
            this.id = id;
            this.title = title;
            this.unitWide = unitWide;
            this.metric = metric;
            this.unit = unit;
            this.from = from;
            this.to = to;
            this.startDate = startDate;
            this.deadline = deadline;
        }

        TeamState.Wig wig() {
            return new TeamState.Wig(id, title, unitWide, status, metric, unit, from, to, startDate, deadline,
                    lag.entrySet().stream().map(v -> new TeamState.LagValue(v.getKey(), v.getValue())).toList(), latest);
        }
    }

    private static final class LeadDraft {
        final UUID id;
        final UUID wigId;
        final String name;
        final String activityType;
        int weeklyTarget;
        String status = "proposed";
        UUID replacedBy;

        LeadDraft(UUID id, UUID wigId, String name, String activityType, int weeklyTarget) {
            this.id = id;
            this.wigId = wigId;
            this.name = name;
            this.activityType = activityType;
            this.weeklyTarget = weeklyTarget;
        }

        TeamState.LeadMeasure lead() {
            return new TeamState.LeadMeasure(id, wigId, name, activityType, status, weeklyTarget, replacedBy);
        }
    }

    private static final class DesignDraft {
        final UUID id;
        final String name;
        final String activityType;
        int version = 1;
        boolean retired;
        final TreeSet<Integer> inUse = new TreeSet<>();

        DesignDraft(UUID id, String name, String activityType) {
            this.id = id;
            this.name = name;
            this.activityType = activityType;
        }

        TeamState.Design design() {
            return new TeamState.Design(id, name, activityType, Math.max(version, inUse.isEmpty() ? 1 : inUse.last()),
                    retired, List.copyOf(inUse));
        }
    }
}
