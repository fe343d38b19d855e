package org.learningloop.reporting.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.learningloop.platform.inbox.IncomingEvent;

import java.util.List;

/** A read model of reporting-service: tables it owns and how each event changes them. Rebuildable from offset 0. */
public interface Projection {

    /** Stable name used in /admin/projections/{name}, e.g. "team-history". */
    String name();

    /**
     * DDL creating this projection's empty tables and indexes, with UNQUALIFIED names; the runner runs it with
     * search_path set to a fresh schema per generation (e.g. proj_team_history_g2).
     */
    List<String> ddl();

    /**
     * Applies one event inside the runner's batch transaction (search_path already set to the generation's
     * schema). Deterministic: no now(), no randomness; uses only the event (its payload times) and its own tables.
     */
    Uni<Void> apply(SqlConnection tx, IncomingEvent event);
}
