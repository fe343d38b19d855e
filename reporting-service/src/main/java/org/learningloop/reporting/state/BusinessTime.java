package org.learningloop.reporting.state;

import org.learningloop.contracts.Periods;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * When what an event records happened (business time), as opposed to when it was recorded (recording time, the
 * event's {@code occurred_at}): the time the event's payload gives, never later than it was recorded (nothing is
 * recorded before it happens; a plan recorded before its date held from its recording). Pure.
 * <ul>
 *   <li>an activity planned: {@code scheduledAt}; carried out: {@code carriedOutAt};</li>
 *   <li>a lag reading: the end of its period (a month's value is known when the month is over); a lead reading: the
 *       end of its week;</li>
 *   <li>a lead measure activated: {@code activeFrom}; a WIG defined: its lag measure's {@code startDate};</li>
 *   <li>a WIG meeting opened: the start of its week, held: its end; a workplace meeting opened: the start of its
 *       month, closed and its agreements: the month's end; a loop iteration opened: the start of {@code fromMonth},
 *       closed: the end of {@code toMonth};</li>
 *   <li>definitions (a unit, team or member, a design created or forked, a lead measure proposed) describe rather
 *       than happen: they hold at any business time ({@code null});</li>
 *   <li>anything else (a WIG revised, achieved or abandoned, a design revised or retired, an activity evaluated or
 *       cancelled, feedback, learnings, notes): its recording time, the only time it has.</li>
 * </ul>
 */
public final class BusinessTime {

    /** Event names (without version) that describe rather than happen. */
    private static final Set<String> DEFINITIONS = Set.of("goal.unit-created", "goal.team-created",
            "goal.member-joined", "activity.design-created", "activity.design-forked", "goal.lead-measure-proposed");

    private BusinessTime() {
    }

    /**
     * The business time of an event of CloudEvents type {@code type} (such as {@code activity.carried-out.v1}); {@code
     * null} for a definition, which holds at any business time.
     */
    public static Instant of(String type, JsonNode payload, Instant recordedAt, ZoneId zone) {
        return of(type, () -> payload, recordedAt, zone);
    }

    /**
     * As {@link #of(String, JsonNode, Instant, ZoneId)}, the payload read only for a type whose business time it gives
     * (most types' is their recording time, or none).
     */
    public static Instant of(String type, Supplier<JsonNode> payload, Instant recordedAt, ZoneId zone) {
        String name = type.substring(0, type.lastIndexOf(".v"));
        if (DEFINITIONS.contains(name)) {
            return null;
        }
        Instant own = switch (name) {
            case "activity.planned" -> instant(payload.get().path("scheduledAt"));
            case "activity.carried-out" -> instant(payload.get().path("carriedOutAt"));
            case "goal.lead-measure-activated" -> instant(payload.get().path("activeFrom"));
            case "goal.wig-defined" -> dayStart(payload.get().path("lagMeasure").path("startDate"), zone);
            case "goal.lag-reading-recorded", "goal.lag-reading-corrected" -> periodEnd(payload.get().path("period"), zone);
            case "goal.lead-reading-recorded", "goal.lead-reading-corrected", "learning.wig-meeting-held" ->
                    periodEnd(payload.get().path("week"), zone);
            case "learning.wig-meeting-opened" -> periodStart(payload.get().path("week"), zone);
            case "learning.workplace-meeting-opened" -> periodStart(payload.get().path("month"), zone);
            case "learning.workplace-meeting-closed", "learning.agreement-made", "learning.agreement-recorded" ->
                    periodEnd(payload.get().path("month"), zone);
            case "learning.loop-iteration-opened" -> periodStart(payload.get().path("fromMonth"), zone);
            case "learning.loop-iteration-closed" -> periodEnd(payload.get().path("toMonth"), zone);
            default -> recordedAt;
        };
        return own == null || own.isAfter(recordedAt) ? recordedAt : own;
    }

    private static Instant instant(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant dayStart(JsonNode value, ZoneId zone) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(value.asText()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant periodStart(JsonNode value, ZoneId zone) {
        return Periods.isPeriod(value.asText(null)) ? Periods.periodStart(value.asText()).atStartOfDay(zone).toInstant()
                : null;
    }

    /** The first instant after the period (a month {@code 2026-09} or an ISO week {@code 2026-W38}). */
    private static Instant periodEnd(JsonNode value, ZoneId zone) {
        return Periods.isPeriod(value.asText(null)) ? Periods.periodEnd(value.asText()).atStartOfDay(zone).toInstant()
                : null;
    }
}
