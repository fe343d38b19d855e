package org.learningloop.goal.wig.summary;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.readmodel.KeysetQuery;
import org.learningloop.platform.readmodel.Rows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Queries of the WIG list read model {@code wig_summary} (written by {@link WigSummaryListing} in the WIG commands' transaction). */
@ApplicationScoped
public class WigSummaries {

    /** A WIG in a list: a row of {@code wig_summary}. */
    public record WigSummaryView(UUID id, String title, UUID teamId, UUID unitId, UUID parentWigId, String metric,
                                 String unit, BigDecimal from, BigDecimal to, LocalDate startDate, LocalDate deadline,
                                 String cadence, String currentPeriod, BigDecimal currentValue, int readingsRecorded,
                                 String status, Instant definedAt) {

        static WigSummaryView from(Row row) {
            return new WigSummaryView(row.getUUID("wig_id"), row.getString("title"), row.getUUID("team_id"),
                    row.getUUID("unit_id"), row.getUUID("parent_wig_id"), row.getString("metric"),
                    row.getString("lag_unit"), row.getBigDecimal("lag_from"), row.getBigDecimal("lag_to"),
                    row.getLocalDate("start_date"), row.getLocalDate("deadline"), row.getString("cadence"),
                    row.getString("current_period"), row.getBigDecimal("current_value"),
                    row.getInteger("readings_recorded"), row.getString("status"), Rows.instant(row, "defined_at"));
        }
    }

    private final Pool pool;

    public WigSummaries(Pool pool) {
        this.pool = pool;
    }

    /** A page of WIGs in the order they were set, optionally of one team or unit. */
    public Uni<Page<WigSummaryView>> page(UUID teamId, UUID unitId, String cursor, int limit) {
        return new KeysetQuery("select * from wig_summary", "defined_at", "wig_id")
                .where("team_id", "=", teamId)
                .where("unit_id", "=", unitId)
                .afterTimeAndId(cursor)
                .page(pool, limit, WigSummaryView::from,
                        last -> Cursors.encode(last.definedAt().toString(), last.id().toString()));
    }
}
