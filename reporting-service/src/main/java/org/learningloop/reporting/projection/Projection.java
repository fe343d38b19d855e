package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.learningloop.contracts.EventCatalog;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.ReportingBeans;

import java.util.List;

/** A read model of reporting-service: tables it owns and how each event changes them. Rebuildable from offset 0. */
public interface Projection {

    /** Stable name used in /admin/projections/{name}, e.g. "team-history". */
    String name();

    /**
     * The version of what the tables hold: raise it when {@link #ddl()} or {@link #apply} changes. A service that
     * starts with a newer version than its live generation's runs {@link #upgrade} on the older generations and
     * rebuilds the projection from offset 0; the old generation serves until the new one has caught up.
     */
    default int version() {
        return 1;
    }

    /**
     * The events this projection applies: every published one unless it says otherwise. The runner passes over a
     * record of another known type without decoding its payload or calling {@link #apply}: the record counts as
     * applied, and its stream's position moves on (ADR 23), so a read that waits for a write never waits on a
     * projection that has no use for it. A record of a type no catalog knows is decoded, and dead-lettered, as ever.
     */
    default EventCatalog reads() {
        return ReportingBeans.CATALOG;
    }

    /**
     * Whether a read waits for this projection to apply a write ({@code after=}, ADR 23): then each batch records where
     * it left every stream ({@code projection_stream_position}) in its transaction. A projection no read waits on says
     * {@code false} and records none: the positions cost a rebuild as much as a projection's own writes. A read that
     * waits on such a projection is refused ({@link ProjectionReads#caughtUp}).
     */
    default boolean awaitedByReads() {
        return true;
    }

    /**
     * DDL (unqualified names) that lets the tables of a generation of version {@code from} take what {@link #apply}
     * writes now (e.g. a new nullable column), so that generation keeps consuming until its rebuild replaces it.
     * Idempotent ({@code if not exists}).
     */
    default List<String> upgrade(int from) {
        return List.of();
    }

    /**
     * DDL creating this projection's empty tables and indexes, with UNQUALIFIED names; the runner runs it with
     * search_path set to a fresh schema per generation (e.g. proj_team_history_g2).
     */
    List<String> ddl();

    /**
     * Indexes only reads use (no statement of {@link #apply} needs one), each {@code create index if not exists}
     * with an unqualified table name. A generation created live gets them with its tables. A generation rebuilt from
     * offset 0 while another serves gets them once it has caught up, just before its switch: building an index over
     * the rows at once costs far less than updating it event by event (ADR 9).
     */
    default List<String> readIndexes() {
        return List.of();
    }

    /**
     * Applies one event inside the runner's batch transaction (search_path already set to the generation's
     * schema). Deterministic: no now(), no randomness; uses only the event (its payload times) and its own tables.
     */
    Uni<Void> apply(SqlConnection tx, IncomingEvent event);
}
