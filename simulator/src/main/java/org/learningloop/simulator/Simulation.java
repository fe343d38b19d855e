package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.learningloop.contracts.Periods;
import org.learningloop.simulator.Scenario.DesignSpec;
import org.learningloop.simulator.Scenario.SegmentSpec;
import org.learningloop.simulator.Scenario.TeamSpec;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Plays a {@link Scenario} through the public APIs: sets up the organisation, then, week by week, the teams
 * carry out, evaluate and give feedback on activities, hold their WIG meetings, read their lag measure at
 * each month's end, and the unit's workplace meeting agrees how each design evolves. Every random choice
 * comes from the scenario's seed, so the same scenario plays the same way (and a second run changes nothing).
 */
public final class Simulation {

    /** A team as set up: its ids. */
    public record TeamIds(String name, UUID teamId, UUID wigId, UUID leadMeasureId, List<UUID> members) {
    }

    /** An activity as played, with the truth behind it. */
    public record Played(UUID activityId, String team, String design, String segment, LocalDate day, int recruited,
                         String intentionReached, int quality) {
    }

    /** What was set up and played. */
    public record Result(UUID unitId, UUID managerId, UUID organisationWigId, UUID unitWigId, List<TeamIds> teams,
                         Map<String, UUID> designs, List<Played> activities, List<String> monthsClosed,
                         Map<String, Integer> agreements, int wigMeetings) {

        public TeamIds team(String name) {
            return teams.stream().filter(team -> team.name().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Each team's people: its team lead, then its members. */
    static final int MEMBERS_PER_TEAM = 3;
    /** Months of lag readings each team records for the time before its lead measure (its baseline). */
    static final int BASELINE_MONTHS = 3;

    private static final List<String> DIMENSIONS = List.of("intention", "frames", "content", "presence", "focus",
            "flexibility");

    private final LoopSteps steps;
    private final Scenario scenario;
    private final Consumer<String> progress;
    private final SplittableRandom random;
    private final Map<String, Integer> revisions = new LinkedHashMap<>();
    private final Map<String, Integer> agreements = new LinkedHashMap<>();
    private final List<Played> played = new ArrayList<>();
    private final List<String> monthsClosed = new ArrayList<>();
    private int wigMeetings;
    private UUID unitId;

    public Simulation(LoopSteps steps, Scenario scenario, Consumer<String> progress) {
        this.steps = steps;
        this.scenario = scenario;
        this.progress = progress;
        this.random = new SplittableRandom(scenario.seed());
    }

    /** Plays the whole scenario; what was set up and played. */
    public Result run() {
        return play(true);
    }

    /** Only the set-up (idempotent): the ids of what a run set up, without playing the months again. */
    public Result describe() {
        return play(false);
    }

    private Result play(boolean months) {
        YearMonth first = YearMonth.from(scenario.anchor()).minusMonths(scenario.months());
        UUID managerId = managerOf(scenario);
        progress.accept("Setting up " + scenario.unitName() + ": the organisation WIG, the unit, "
                + scenario.teams().size() + " teams, their WIGs and lead measures, " + scenario.designs().size()
                + " designs");
        LocalDate start = first.atDay(1);
        LocalDate deadline = scenario.anchor().plusMonths(9).withDayOfMonth(1);
        int lagFrom = scenario.teams().stream().mapToInt(TeamSpec::lagBase).sum();
        UUID organisationWig = steps.wig(key("org-wig"), "Grow the union: net new members every month", null, null,
                null, "net new members per month", lagFrom * 3, lagFrom * 9, start, deadline);
        unitId = steps.unit(key("unit"), scenario.unitName(), managerId);
        UUID unitWig = steps.as(managerId, () -> steps.wig(key("unit-wig"), scenario.unitName() + ": from " + lagFrom
                        + " to " + lagFrom * 3 + " net new members a month", null, unitId, organisationWig,
                "net new members per month", lagFrom, lagFrom * 3, start, deadline));
        List<TeamIds> teams = new ArrayList<>();
        for (TeamSpec spec : scenario.teams()) {
            teams.add(setUpTeam(spec, unitId, unitWig, start, deadline));
        }
        Map<String, UUID> designs = new LinkedHashMap<>();
        for (DesignSpec design : scenario.designs()) {
            // the unit's designs are its manager's
            designs.put(design.label(), steps.as(managerId, () -> steps.design(key("design-" + design.label()), unitId,
                    teams.get(0).teamId(), design.name(), design.activityType(), null,
                    List.copyOf(design.recruitedPerActivity().keySet()),
                    "Employees see what the union does for them at their workplace and want to join",
                    List.of("Introduce ourselves", "Ask what works and what does not at the workplace",
                            "Show what the collective agreement gives", "Invite to join"),
                    List.of("The collective agreement", "Insurance"), "This design recruits members")));
            revisions.put(design.label(), 0);
        }

        List<Sparse> sparse = sparseActivities(teams);
        if (months) {
            playWeeks(first, unitId, unitWig, organisationWig, teams, designs, sparse);
        }
        return new Result(unitId, managerId, organisationWig, unitWig, teams, designs, List.copyOf(played),
                List.copyOf(monthsClosed), Map.copyOf(agreements), wigMeetings);
    }

    private TeamIds setUpTeam(TeamSpec spec, UUID unitId, UUID unitWig, LocalDate start, LocalDate deadline) {
        UUID teamId = steps.team(key("team-" + spec.name()), unitId, spec.name());
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS_PER_TEAM; i++) {
            UUID member = uuid("member-" + spec.name() + "-" + i);
            steps.member(teamId, member, spec.name() + " member " + (i + 1), i == 0 ? "team-lead" : "member");
            members.add(member);
        }
        // the team's WIG and lead measure are its team lead's
        UUID lead = members.get(0);
        UUID wigId = steps.as(lead, () -> steps.wig(key("wig-" + spec.name()), spec.name() + ": from " + spec.lagBase()
                        + " to " + spec.lagBase() * 3 + " net new members a month", teamId, unitId, unitWig,
                "net new members per month", spec.lagBase(), spec.lagBase() * 3, start, deadline));
        // the lag's readings of the months before the lead measure: the baseline its effect is judged against
        for (int before = BASELINE_MONTHS; before >= 1; before--) {
            long value = Math.max(0, spec.lagBase() + lagNoise(spec, -before));
            String period = YearMonth.from(start).minusMonths(before).toString();
            steps.run(lead, () -> steps.lagReading(wigId, period, value));
        }
        var measure = spec.leadMeasure();
        if (!Scenario.WORKPLACE_VISIT.equals(measure.activityType())) {
            steps.activityType(measure.activityType(), measure.name());
        }
        UUID leadMeasureId = steps.as(lead, () -> steps.activeLeadMeasure(key("lead-" + spec.name()), wigId,
                measure.name(), measure.activityType(), measure.weeklyTarget(), "Doing this " + measure.weeklyTarget()
                        + " times a week moves net new members", start.atStartOfDay(scenario.zone()).toInstant()));
        return new TeamIds(spec.name(), teamId, wigId, leadMeasureId, List.copyOf(members));
    }

    /** An activity of a segment with fixed numbers: which team, design and week of the scenario it falls in. */
    private record Sparse(TeamIds team, String design, String segment, int weekIndex) {
    }

    private List<Sparse> sparseActivities(List<TeamIds> teams) {
        List<Sparse> sparse = new ArrayList<>();
        int weeks = Math.max(1, scenario.months() * 4);
        List<TeamIds> visiting = visitingTeams(teams);
        for (SegmentSpec segment : scenario.segments()) {
            for (int n = 0; segment.fixedPerDesign() > 0 && n < segment.fixedPerDesign(); n++) {
                for (DesignSpec design : designsFor(Scenario.WORKPLACE_VISIT)) {
                    if (!design.recruitedPerActivity().containsKey(segment.key())) {
                        continue;
                    }
                    sparse.add(new Sparse(visiting.get(random.nextInt(visiting.size())), design.label(), segment.key(),
                            random.nextInt(weeks)));
                }
            }
        }
        return sparse;
    }

    private List<TeamIds> visitingTeams(List<TeamIds> teams) {
        List<TeamIds> visiting = new ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            if (Scenario.WORKPLACE_VISIT.equals(scenario.teams().get(i).leadMeasure().activityType())) {
                visiting.add(teams.get(i));
            }
        }
        return visiting.isEmpty() ? teams : visiting;
    }

    /** An activity to play: its team, when it is carried out, design and segment, and the slot that names it. */
    private record Planned(int team, Instant at, String design, String segment, String slot) {

        LocalDate day(ZoneId zone) {
            return LocalDate.ofInstant(at, zone);
        }
    }

    /**
     * Walks the weeks from the first month's first Monday up to {@code now}. Each activity falls on a weekday
     * of its week, at a time of day between 9 and 17, in whichever month that day is; one that would fall
     * after {@code now} is left out, so nothing is scheduled or carried out in the future. When the walk
     * reaches a day of a new month, the month before is closed (lag readings, then the APT) before that day is
     * played; at the end, every complete month not closed yet is closed (its last activities may lie days
     * before {@code now}, e.g. when a month begins on a weekend). The weekly WIG meeting follows the week's
     * activities.
     */
    private void playWeeks(YearMonth first, UUID unitId, UUID unitWig, UUID organisationWig, List<TeamIds> teams,
                           Map<String, UUID> designs, List<Sparse> sparse) {
        YearMonth month = first;
        MonthPlay play = new MonthPlay(played.size());
        int weekIndex = 0;
        for (LocalDate monday = firstMonday(first); !monday.isAfter(scenario.anchor());
             monday = monday.plusWeeks(1), weekIndex++) {
            String week = Periods.week(monday);
            List<Planned> planned = new ArrayList<>();
            for (int t = 0; t < teams.size(); t++) {
                TeamSpec spec = scenario.teams().get(t);
                int count = scenario.activitiesPerWeek() + (random.nextInt(4) == 0 ? 1 : 0);
                for (int i = 0; i < count; i++) {
                    Instant at = timeOfDay(monday.plusDays(random.nextInt(5)));
                    List<DesignSpec> usable = designsFor(spec.leadMeasure().activityType());
                    String segment = pickSegment(usable);
                    List<DesignSpec> forSegment = usable.stream()
                            .filter(d -> d.recruitedPerActivity().containsKey(segment)).toList();
                    String design = forSegment.get(random.nextInt(forSegment.size())).label();
                    planned.add(new Planned(t, at, design, segment, week + "-" + i));
                }
                for (int s = 0; s < sparse.size(); s++) {
                    Sparse one = sparse.get(s);
                    if (one.weekIndex() == weekIndex && one.team().equals(teams.get(t))) {
                        planned.add(new Planned(t, timeOfDay(monday.plusDays(2)), one.design(), one.segment(),
                                week + "-sparse-" + s));
                    }
                }
            }
            planned.sort(java.util.Comparator.comparing(Planned::at).thenComparingInt(Planned::team));
            for (Planned activity : planned) {
                if (activity.at().isAfter(scenario.now())) {
                    continue;
                }
                LocalDate day = activity.day(scenario.zone());
                while (YearMonth.from(day).isAfter(month)) {
                    closeMonth(month, play, unitId, unitWig, organisationWig, teams, designs);
                    month = month.plusMonths(1);
                    play = new MonthPlay(played.size());
                }
                TeamIds team = teams.get(activity.team());
                Played done = play(team, scenario.teams().get(activity.team()), activity.slot(), activity.at(),
                        activity.design(), designs, activity.segment());
                play.recruitedByTeam.merge(team.name(), done.recruited(), Integer::sum);
                play.activitiesByDesign.computeIfAbsent(designs.get(activity.design()), d -> new ArrayList<>()).add(done);
            }
            if (scenario.wigMeetings()) {
                for (TeamIds team : teams) {
                    holdWigMeeting(team, week, monday);
                }
            }
        }
        while (month.isBefore(YearMonth.from(scenario.anchor()))) {
            closeMonth(month, play, unitId, unitWig, organisationWig, teams, designs);
            month = month.plusMonths(1);
            play = new MonthPlay(played.size());
        }
        progress.accept(String.format("  %s so far: %d activities carried out, evaluated and given feedback on%s",
                month, played.size() - play.firstPlayed, scenario.wigMeetings() ? ", WIG meetings held every week" : ""));
    }

    /** What a month played: the members recruited per team and the activities per design. */
    private static final class MonthPlay {
        final int firstPlayed;
        final Map<String, Integer> recruitedByTeam = new LinkedHashMap<>();
        final Map<UUID, List<Played>> activitiesByDesign = new LinkedHashMap<>();

        MonthPlay(int firstPlayed) {
            this.firstPlayed = firstPlayed;
        }
    }

    private void closeMonth(YearMonth month, MonthPlay play, UUID unitId, UUID unitWig, UUID organisationWig,
                            List<TeamIds> teams, Map<String, UUID> designs) {
        progress.accept(String.format("  %s: %d activities carried out, evaluated and given feedback on%s", month,
                played.size() - play.firstPlayed, scenario.wigMeetings() ? ", WIG meetings held every week" : ""));
        readLagMeasures(month, unitWig, organisationWig, teams, play.recruitedByTeam);
        if (scenario.workplaceMeetings()) {
            holdWorkplaceMeeting(month, unitId, designs, play.activitiesByDesign, teams);
        }
    }

    /** A time of the working day (9:00 to 16:45, local) on {@code day}. */
    private Instant timeOfDay(LocalDate day) {
        return day.atTime(LocalTime.of(9 + random.nextInt(7), 15 * random.nextInt(4))).atZone(scenario.zone()).toInstant();
    }

    private Played play(TeamIds team, TeamSpec spec, String slot, Instant carriedOutAt, String design,
                        Map<String, UUID> designs, String segment) {
        DesignSpec truth = scenario.designs().stream().filter(d -> d.label().equals(design)).findFirst().orElseThrow();
        LocalDate day = LocalDate.ofInstant(carriedOutAt, scenario.zone());
        String reference = "WP-" + Math.abs(uuid("workplace-" + slot + team.name()).getLeastSignificantBits() % 10000);
        // a member of the team (not its lead) plans, carries out and evaluates it; the lead gives the feedback
        UUID member = team.members().get(1);
        int employees = segment.equals("small-6-30") ? 6 + random.nextInt(25) : 40 + random.nextInt(300);
        UUID activityId = steps.as(member, () -> steps.planActivity(key("activity-" + team.name() + "-" + slot),
                team.teamId(), unitId, team.leadMeasureId(), designs.get(design), null, carriedOutAt.minusSeconds(3600),
                reference, segment, employees, team.members()));
        double rate = truth.recruitedPerActivity().getOrDefault(segment, 0.0)
                * Math.pow(1 + truth.revisionGain(), revisions.get(design));
        int recruited = Draws.poisson(random::nextDouble, rate);
        int quality = score(spec.execution());
        String intention = random.nextDouble() < spec.execution() ? "yes" : random.nextBoolean() ? "partly" : "no";
        List<Map<String, String>> adaptations = random.nextInt(3) == 0
                ? List.of(Map.of("element", "frames", "what", "Moved to the lunch room", "why", "The break room was taken"))
                : List.of();
        int focus = score(spec.execution());
        steps.run(member, () -> steps.carryOut(activityId, carriedOutAt, quality, focus, intention, adaptations,
                Map.of(Scenario.RECRUITED, recruited)));
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String dimension : DIMENSIONS) {
            scores.put(dimension, dimension.equals("intention") ? quality : score(spec.execution()));
        }
        List<Map<String, String>> proposals = random.nextInt(4) == 0
                ? List.of(Map.of("element", "content", "proposal", "Start with the question of pay, not insurance"))
                : List.of();
        steps.run(member, () -> steps.evaluate(activityId, scores, proposals));
        List<Map<String, String>> items = List.of(
                Map.of("category", "keep", "element", "presence", "text", "You listened well"),
                Map.of("category", random.nextBoolean() ? "improve" : "idea", "element", "content",
                        "text", "Bring the leaflet on pay"));
        steps.run(team.members().get(0), () -> steps.feedback(activityId, team.members().get(0), member, items));
        Played activity = new Played(activityId, team.name(), design, segment, day, recruited, intention, quality);
        played.add(activity);
        return activity;
    }

    /** The team lead holds the team's WIG meeting. */
    private void holdWigMeeting(TeamIds team, String week, LocalDate monday) {
        steps.run(team.members().get(0), () -> holdWigMeetingAsLead(team, week, monday));
    }

    private void holdWigMeetingAsLead(TeamIds team, String week, LocalDate monday) {
        JsonNode meeting = steps.openWigMeeting(team.teamId(), week);
        if (meeting == null) {
            return; // held in an earlier run (one that opened it and stopped goes on recording it)
        }
        // its own random: what the meeting sees depends on the services, and must not shift the scenario's draws
        SplittableRandom random = new SplittableRandom(uuid("wig-meeting-" + team.name() + "-" + week).getLeastSignificantBits());
        ObjectNode record = steps.client().object();
        ArrayNode accountability = record.putArray("accountability");
        for (JsonNode commitment : meeting.path("commitmentsToAccountFor")) {
            boolean kept = random.nextInt(5) != 0;
            ObjectNode entry = accountability.addObject().put("commitmentId", commitment.path("id").asText())
                    .put("kept", kept);
            if (!kept) {
                entry.put("note", "Two visits were cancelled by the employer");
            }
        }
        String next = Periods.week(monday.plusWeeks(1));
        ArrayNode commitments = record.putArray("commitments");
        for (UUID member : team.members().subList(0, 2)) {
            commitments.addObject().put("memberId", member.toString()).put("what", "Book two workplace visits")
                    .put("leadMeasureId", team.leadMeasureId().toString()).put("dueWeek", next);
        }
        ArrayNode learningIds = record.putArray("learningIds");
        JsonNode candidates = meeting.path("learningCandidates");
        if (candidates.size() > 0) {
            JsonNode candidate = candidates.get(0);
            UUID learningId = steps.learningFromCandidate(key("learning-" + candidate.path("id").asText()), team.teamId(),
                    UUID.fromString(candidate.path("id").asText()), "Opening with pay gets more questions than insurance",
                    List.of("before", "content"));
            learningIds.add(learningId.toString());
        }
        steps.recordWigMeeting(UUID.fromString(meeting.path("id").asText()), record);
        wigMeetings++;
    }

    /** The lag's noise in a month of the scenario (first = 0, before it negative): its own draw, the same on any run date. */
    private int lagNoise(TeamSpec spec, long monthIndex) {
        return new SplittableRandom(uuid("lag-noise-" + spec.name() + "-" + monthIndex).getLeastSignificantBits())
                .nextInt(5) - 2;
    }

    private void readLagMeasures(YearMonth month, UUID unitWig, UUID organisationWig, List<TeamIds> teams,
                                 Map<String, Integer> recruitedByTeam) {
        String period = month.toString();
        long unitTotal = 0;
        for (int t = 0; t < teams.size(); t++) {
            TeamSpec spec = scenario.teams().get(t);
            TeamIds team = teams.get(t);
            // its own draw per team and month of the scenario (first, second, ...): the same on any run date
            long monthIndex = java.time.temporal.ChronoUnit.MONTHS.between(
                    YearMonth.from(scenario.anchor()).minusMonths(scenario.months()), month);
            long value = Math.max(0, spec.lagBase() + lagNoise(spec, monthIndex)
                    + (spec.leadMeasure().effective() ? recruitedByTeam.getOrDefault(team.name(), 0) : 0));
            steps.run(team.members().get(0), () -> steps.lagReading(team.wigId(), period, value));
            unitTotal += value;
        }
        long total = unitTotal;
        steps.run(managerOf(scenario), () -> steps.lagReading(unitWig, period, total));
        steps.lagReading(organisationWig, period, total);
    }

    /**
     * The unit's APT: a coaching note, then agreements grounded in the month's activities. Among the designs of
     * one activity type, the one with the fewest members recruited per activity is revised (its content), the
     * others kept. After the last complete month, each lead measure is judged on its truth: kept when it moves
     * the lag measure, otherwise replaced by workplace visits. The decisions are taken even when the meeting was
     * held by an earlier run, so that a second run plays the same scenario; a meeting an earlier run opened and
     * did not close is completed (notes and agreements it has already are not added again) and closed.
     */
    private void holdWorkplaceMeeting(YearMonth month, UUID unitId, Map<String, UUID> designs,
                                      Map<UUID, List<Played>> activitiesByDesign, List<TeamIds> teams) {
        List<ObjectNode> decided = new ArrayList<>();
        for (String activityType : scenario.designs().stream().map(DesignSpec::activityType).distinct().toList()) {
            List<DesignSpec> ofType = designsFor(activityType);
            String weakest = null;
            double weakestRate = Double.MAX_VALUE;
            for (DesignSpec design : ofType) {
                List<Played> done = activitiesByDesign.getOrDefault(designs.get(design.label()), List.of());
                double rate = done.stream().mapToInt(Played::recruited).average().orElse(Double.MAX_VALUE);
                if (!done.isEmpty() && rate < weakestRate) {
                    weakestRate = rate;
                    weakest = design.label();
                }
            }
            for (DesignSpec design : ofType) {
                List<Played> done = activitiesByDesign.getOrDefault(designs.get(design.label()), List.of());
                if (done.isEmpty()) {
                    continue;
                }
                boolean revise = ofType.size() > 1 && design.label().equals(weakest);
                decided.add(designAgreement(month, designs.get(design.label()), done, revise));
                agreements.merge(revise ? "revise-design" : "keep-design", 1, Integer::sum);
                if (revise) {
                    revisions.merge(design.label(), 1, Integer::sum);
                }
            }
        }
        if (month.equals(YearMonth.from(scenario.anchor()).minusMonths(1))) {
            for (int t = 0; t < teams.size(); t++) {
                decided.add(leadMeasureAgreement(month, teams.get(t), scenario.teams().get(t)));
            }
        }
        // the unit's manager holds its APT
        steps.run(managerOf(scenario), () -> holdWorkplaceMeetingAsManager(month, unitId, decided));
    }

    private void holdWorkplaceMeetingAsManager(YearMonth month, UUID unitId, List<ObjectNode> decided) {
        JsonNode meeting = steps.openWorkplaceMeeting(unitId, month.toString());
        if ("closed".equals(meeting.path("status").asText())) {
            monthsClosed.add(month.toString()); // held by an earlier run
            return;
        }
        // opened now, or by an earlier run that stopped before closing it: what it has is not added again
        UUID meetingId = UUID.fromString(meeting.path("id").asText());
        if (meeting.path("coachingNotes").isEmpty()) {
            steps.coachingNote(meetingId, "Good pace on the visits; keep writing down why you adapt on site.", null);
        }
        List<String> agreed = new ArrayList<>();
        meeting.path("agreements").forEach(agreement -> agreed.add(agreementKey(agreement)));
        decided.stream().filter(agreement -> !agreed.contains(agreementKey(agreement)))
                .forEach(agreement -> steps.agreement(meetingId, agreement));
        steps.closeWorkplaceMeeting(meetingId);
        monthsClosed.add(month.toString());
        progress.accept(String.format("  %s: workplace meeting held and closed with %d agreements", month,
                decided.size()));
    }

    /** What an agreement is about: its kind and the design or the team's lead measure it decides on. */
    private static String agreementKey(JsonNode agreement) {
        return text(agreement, "kind") + "/" + text(agreement, "designId") + "/" + text(agreement, "leadMeasureId");
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : "";
    }

    private ObjectNode designAgreement(YearMonth month, UUID designId, List<Played> done, boolean revise) {
        ObjectNode agreement = steps.client().object().put("kind", revise ? "revise-design" : "keep-design")
                .put("designId", designId.toString())
                .put("rationale", String.format(java.util.Locale.ROOT, "%d activities in %s, %.2f members recruited per activity",
                        done.size(), month, done.stream().mapToInt(Played::recruited).average().orElse(0)));
        ArrayNode evidence = agreement.putArray("activityIds");
        done.stream().limit(20).forEach(activity -> evidence.add(activity.activityId().toString()));
        agreement.putArray("learningIds");
        if (revise) {
            ObjectNode content = agreement.putObject("content");
            content.putArray("steps").add("Introduce ourselves").add("Start with the question of pay")
                    .add("Ask what works and what does not at the workplace").add("Invite to join");
            content.putArray("talkingPoints").add("Pay").add("The collective agreement").add("Insurance");
        }
        return agreement;
    }

    private ObjectNode leadMeasureAgreement(YearMonth month, TeamIds team, TeamSpec spec) {
        ObjectNode agreement = steps.client().object().put("teamId", team.teamId().toString())
                .put("leadMeasureId", team.leadMeasureId().toString());
        agreement.putArray("learningIds");
        agreement.putArray("activityIds");
        if (spec.leadMeasure().effective()) {
            agreements.merge("keep-lead-measure", 1, Integer::sum);
            return agreement.put("kind", "keep-lead-measure")
                    .put("rationale", "Members recruited on the visits show in net new members");
        }
        UUID replacement = steps.as(team.members().get(0), () -> steps.proposedLeadMeasure(
                key("lead-replacement-" + spec.name()), team.wigId(), "Workplace visits", Scenario.WORKPLACE_VISIT,
                spec.leadMeasure().weeklyTarget(), "Visits recruit where calls to members did not"));
        agreements.merge("replace-lead-measure", 1, Integer::sum);
        return agreement.put("kind", "replace-lead-measure").put("replacementLeadMeasureId", replacement.toString())
                .put("rationale", "Calls were made at target with high quality since " + month.minusMonths(
                        scenario.months() - 1) + ", and net new members did not move");
    }

    private List<DesignSpec> designsFor(String activityType) {
        return scenario.designs().stream().filter(design -> design.activityType().equals(activityType)).toList();
    }

    /** A segment that one of the designs targets, by the segments' shares (those with fixed numbers excluded). */
    private String pickSegment(List<DesignSpec> designs) {
        List<SegmentSpec> open = scenario.segments().stream().filter(s -> s.fixedPerDesign() <= 0 && s.share() > 0)
                .filter(s -> designs.stream().anyMatch(d -> d.recruitedPerActivity().containsKey(s.key()))).toList();
        if (open.isEmpty()) {
            return designs.get(0).recruitedPerActivity().keySet().iterator().next();
        }
        double draw = random.nextDouble() * open.stream().mapToDouble(SegmentSpec::share).sum();
        for (SegmentSpec segment : open) {
            draw -= segment.share();
            if (draw < 0) {
                return segment.key();
            }
        }
        return open.get(open.size() - 1).key();
    }

    /** A score 1..5 centred on the team's execution. */
    private int score(double execution) {
        double value = 1 + 4 * execution + (random.nextDouble() - 0.5) * 1.5;
        return (int) Math.max(1, Math.min(5, Math.round(value)));
    }

    private static LocalDate firstMonday(YearMonth month) {
        LocalDate day = month.atDay(1);
        while (day.getDayOfWeek() != DayOfWeek.MONDAY) {
            day = day.plusDays(1);
        }
        return day;
    }

    /** The id the scenario gives its unit's manager (a staff id, never a name). */
    public static UUID managerOf(Scenario scenario) {
        return new Simulation(null, scenario, line -> { }).uuid("manager");
    }

    /** The id the scenario gives the {@code index}th member of team {@code team} (0: its team lead). */
    public static UUID memberOf(Scenario scenario, String team, int index) {
        return new Simulation(null, scenario, line -> { }).uuid("member-" + team + "-" + index);
    }

    /** An Idempotency-Key (visible ASCII, no spaces) naming what it creates within the scenario. */
    private String key(String what) {
        return (scenario.name() + ":" + scenario.seed() + ":" + what).replaceAll("[^A-Za-z0-9:._-]", "-");
    }

    private UUID uuid(String what) {
        return UUID.nameUUIDFromBytes(key(what).getBytes(StandardCharsets.UTF_8));
    }
}
