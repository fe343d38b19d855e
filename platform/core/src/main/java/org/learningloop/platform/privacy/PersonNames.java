package org.learningloop.platform.privacy;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.learningloop.platform.config.LoopConfig;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The members of the organisation as fingerprints of their display names (table {@code person_name}), so that a
 * free text naming one of them can be refused at the door ({@link NoNamesInRequests}, issue 12). goal-service writes
 * a member's fingerprint when the member joins with a name; the other services keep it from the member's
 * {@code goal.member-joined} event ({@code OrganisationReplica}). The rows are read into memory and read again within
 * {@link #REFRESH} of a change, so a name entered a moment ago may pass once: docs/privacy.md names the limits.
 */
@ApplicationScoped
public class PersonNames {

    static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(PersonNames.class);

    private final Pool pool;
    private final NameFingerprint fingerprints;
    private volatile Index index = new Index(Map.of(), Set.of(), "");
    private ScheduledExecutorService refresher;

    /** Fingerprint → member, the word counts among them, and what the table looked like when read. */
    private record Index(Map<String, UUID> members, Set<Integer> sizes, String state) {
    }

    public PersonNames(Pool pool, LoopConfig config) {
        this.pool = pool;
        String key = config.personalData().nameKey();
        if (LoopConfig.PersonalData.LOCAL_NAME_KEY.equals(key)) {
            LOG.warnf("loop.personal-data.name-key is the local default: set LOOP_PERSONAL_DATA_NAME_KEY to a secret "
                    + "of your own (docs/privacy.md)");
        }
        this.fingerprints = new NameFingerprint(key);
    }

    void onStart(@Observes StartupEvent start) {
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "person-names");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent stop) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The fingerprint of a display name (null when it has no word). */
    public NameFingerprint.Print fingerprint(String displayName) {
        return fingerprints.of(displayName);
    }

    /** The member whose display name {@code text} contains, word for word; null when it names nobody known. */
    public UUID named(String text) {
        Index current = index;
        if (current.members().isEmpty() || text == null || text.isBlank()) {
            return null;
        }
        for (String run : fingerprints.runs(text, current.sizes())) {
            UUID member = current.members().get(run);
            if (member != null) {
                return member;
            }
        }
        return null;
    }

    /** Keeps (or replaces) the fingerprint of the member's name, in the caller's transaction. */
    public Uni<Void> remember(SqlClient tx, UUID member, String fingerprint, int words) {
        return tx.preparedQuery("insert into person_name (member_id, fingerprint, words, updated_at) "
                        + "values ($1, $2, $3, clock_timestamp()) on conflict (member_id) do update set "
                        + "fingerprint = excluded.fingerprint, words = excluded.words, updated_at = excluded.updated_at")
                .execute(Tuple.of(member, fingerprint, words)).replaceWithVoid();
    }

    /** Forgets the fingerprint of the member's name, in the caller's transaction; whether there was one. */
    public Uni<Boolean> forget(SqlClient tx, UUID member) {
        return tx.preparedQuery("delete from person_name where member_id = $1").execute(Tuple.of(member))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Reads the table again when it changed since the last read. */
    void refresh() {
        try {
            String state = pool.query("select count(*) || '/' || coalesce(max(updated_at)::text, '') from person_name")
                    .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getString(0);
            if (state.equals(index.state())) {
                return;
            }
            Map<String, UUID> members = new HashMap<>();
            Set<Integer> sizes = new TreeSet<>();
            for (Row row : pool.query("select member_id, fingerprint, words from person_name").execute()
                    .await().atMost(Duration.ofSeconds(30))) {
                members.put(row.getString("fingerprint"), row.getUUID("member_id"));
                sizes.add(row.getInteger("words"));
            }
            index = new Index(Map.copyOf(members), Set.copyOf(sizes), state);
        } catch (RuntimeException e) {
            LOG.debugf("Could not read the members' name fingerprints (trying again): %s", e.getMessage());
        }
    }
}
