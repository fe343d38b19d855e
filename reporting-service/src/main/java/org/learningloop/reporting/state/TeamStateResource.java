package org.learningloop.reporting.state;

import io.quarkus.security.Authenticated;
import org.learningloop.platform.security.Access;
import org.learningloop.platform.security.Relation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.learningloop.platform.http.QueryParams;
import org.learningloop.platform.config.LoopConfig;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** A team as it stood, or as it was known, at a time (bi-temporal time travel over its history). */
@Path("/teams/{teamId}/state")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class TeamStateResource {

    private final TeamStates states;
    private final Clock clock;
    private final ZoneId zone;

    private final Access access;

    /** Who may (ADR 15): the team's members and lead, its unit's manager, analysts. */
    public TeamStateResource(TeamStates states, Clock clock, Access access, LoopConfig loop) {
        this.states = states;
        this.clock = clock;
        this.access = access;
        this.zone = loop.timeZone();
    }

    @GET
    @Operation(summary = "The team as it stood, or as it was known, at a time",
            description = "WIGs and lag values, lead measures and status, designs and versions in use, activities by "
                    + "phase, open commitments and the loop iteration, folded from the team's history (its own and its "
                    + "unit's unit-wide events). Two times, either or both: knownAt (recording time: what the system "
                    + "knew at that instant; default now) and validAt (business time: the team as it stood then by "
                    + "what happened then, such as when an activity was carried out or which month a meeting was "
                    + "for, however late it was recorded). A date means the end of that day in the organisation's "
                    + "time zone. asOf is the older name of knownAt. 404 for a team no event has named.")
    public Uni<TeamState> state(
            @PathParam("teamId") String teamId,
            @Parameter(description = "Business time: an instant or a date such as 2026-09-15")
            @QueryParam("validAt") String validAt,
            @Parameter(description = "Recording time: an instant or a date (default now)")
            @QueryParam("knownAt") String knownAt,
            @Parameter(description = "The older name of knownAt: an instant") @QueryParam("asOf") String asOf) {
        UUID team = QueryParams.uuid("teamId", teamId);
        if (knownAt != null && asOf != null) {
            throw QueryParams.invalid("asOf", "is the older name of knownAt: give one of them");
        }
        Instant known = knownAt != null ? endOf("knownAt", knownAt) : QueryParams.instant("asOf", asOf);
        Instant valid = endOf("validAt", validAt);
        return access.teamOrAnalyst(team, Relation.MEMBER)
                .chain(() -> states.state(team, known == null ? clock.instant() : known, valid));
    }

    /** An instant, or a date's last instant in the organisation's time zone; {@code null} when absent. */
    private Instant endOf(String name, String value) {
        if (value == null || value.isBlank() || value.strip().contains("T")) {
            return QueryParams.instant(name, value);
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(1).atStartOfDay(zone).toInstant().minusNanos(1);
        } catch (DateTimeParseException e) {
            throw QueryParams.invalid(name, "must be a date such as 2026-09-15 or an instant such as 2026-09-15T12:00:00Z");
        }
    }
}
