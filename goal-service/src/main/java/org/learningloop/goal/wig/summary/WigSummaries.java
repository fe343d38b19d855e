package org.learningloop.goal.wig.summary;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Queries of the WIG list read model. */
@ApplicationScoped
public class WigSummaries {

    /** A WIG in a list. */
    public record WigSummaryView(UUID id, String title, UUID teamId, UUID unitId, UUID parentWigId, String metric,
                                 String unit, BigDecimal from, BigDecimal to, LocalDate startDate, LocalDate deadline,
                                 String cadence, String currentPeriod, BigDecimal currentValue, int readingsRecorded,
                                 String status, Instant definedAt) {

        static WigSummaryView of(WigSummary row) {
            return new WigSummaryView(row.wigId, row.title, row.teamId, row.unitId, row.parentWigId, row.metric,
                    row.lagUnit, row.lagFrom, row.lagTo, row.startDate, row.deadline, row.cadence, row.currentPeriod,
                    row.currentValue, row.readingsRecorded, row.status, row.definedAt);
        }
    }

    /** A page of WIGs in the order they were set, optionally of one team or unit. Call within a session. */
    public Uni<Page<WigSummaryView>> page(UUID teamId, UUID unitId, String cursor, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (teamId != null) {
            where.add("teamId = :teamId");
            parameters.and("teamId", teamId);
        }
        if (unitId != null) {
            where.add("unitId = :unitId");
            parameters.and("unitId", unitId);
        }
        if (cursor != null) {
            String[] after = Cursors.decode(cursor, 2);
            Instant definedAt;
            UUID wigId;
            try {
                definedAt = Instant.parse(after[0]);
                wigId = UUID.fromString(after[1]);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
            where.add("(definedAt > :definedAt or (definedAt = :definedAt and wigId > :wigId))");
            parameters.and("definedAt", definedAt).and("wigId", wigId);
        }
        String query = where.isEmpty() ? "1 = 1" : String.join(" and ", where);
        return WigSummary.<WigSummary>find(query, Sort.by("definedAt").and("wigId"), parameters)
                .range(0, limit) // inclusive: one more than a page tells whether another page follows
                .list()
                .map(rows -> Page.of(rows, limit, WigSummaryView::of,
                        last -> Cursors.encode(last.definedAt.toString(), last.wigId.toString())));
    }
}
