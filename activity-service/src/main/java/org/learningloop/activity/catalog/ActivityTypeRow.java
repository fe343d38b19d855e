package org.learningloop.activity.catalog;

import io.vertx.mutiny.sqlclient.Row;
import org.learningloop.platform.readmodel.Rows;

import java.time.Instant;

/** A row of the activity-type reference table {@code activity_type} (written and read by {@link Catalog}). */
record ActivityTypeRow(String key, String name, String description, Instant retiredAt) {

    static final String SELECT = "select key, name, description, retired_at from activity_type";

    static ActivityTypeRow from(Row row) {
        return new ActivityTypeRow(row.getString("key"), row.getString("name"), row.getString("description"),
                Rows.instant(row, "retired_at"));
    }
}
