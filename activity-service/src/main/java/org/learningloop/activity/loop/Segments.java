package org.learningloop.activity.loop;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether a segment (kind of workplace) is known, from the {@code segment} reference table of the
 * catalog. Until that table exists in this database (it comes with the catalog's migration), every
 * segment passes.
 */
@ApplicationScoped
public class Segments {

    private final Pool pool;

    public Segments(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> exists(String key) {
        return pool.query("select to_regclass('segment') is not null").execute()
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(tableExists -> !tableExists ? Uni.createFrom().item(true)
                        : pool.preparedQuery("select 1 from segment where key = $1").execute(Tuple.of(key))
                        .map(rows -> rows.size() > 0));
    }
}
