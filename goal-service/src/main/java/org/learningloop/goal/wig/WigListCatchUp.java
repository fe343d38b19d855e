package org.learningloop.goal.wig;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * At start, brings every WIG's row of the WIG list ({@code wig_summary}) up to its stream (ADR 22): what the
 * commands have not caught up themselves, such as the events a goal-service that still fed the list from
 * {@code loop.goals} had not consumed at the upgrade, or every WIG after the list was emptied to rebuild it.
 */
@ApplicationScoped
class WigListCatchUp {

    private static final Logger LOG = Logger.getLogger(WigListCatchUp.class);

    private final Pool pool;
    private final WigService wigs;

    WigListCatchUp(Pool pool, WigService wigs) {
        this.pool = pool;
        this.wigs = wigs;
    }

    void onStart(@Observes StartupEvent event) {
        List<UUID> behind = behind();
        if (behind.isEmpty()) {
            return;
        }
        LOG.infof("Bringing %d WIG(s) of the WIG list up to their streams", behind.size());
        // one transaction per WIG, each under that WIG's lock (WigSummaryListing.catchUp)
        Multi.createFrom().iterable(behind)
                .onItem().transformToUniAndConcatenate(wigId -> pool.withTransaction(tx -> wigs.catchUp(tx, wigId)))
                .collect().last().await().atMost(Duration.ofMinutes(10));
    }

    /** The WIGs whose stream is ahead of their row (or that have none). */
    private List<UUID> behind() {
        String prefix = WigService.WIG.streamType() + "-";
        return pool.preparedQuery("""
                        select s.stream_id from (select stream_id, max(stream_version) as version from event_store
                                                 where stream_type = $1 group by stream_id) s
                        left join wig_summary w on $2 || w.wig_id::text = s.stream_id
                        where w.wig_id is null or w.version < s.version""")
                .execute(Tuple.of(WigService.WIG.streamType(), prefix))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(UUID.fromString(row.getString("stream_id").substring(prefix.length()))));
                    return ids;
                })
                .await().atMost(Duration.ofMinutes(1));
    }
}
