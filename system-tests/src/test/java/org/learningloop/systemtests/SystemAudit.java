package org.learningloop.systemtests;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.learningloop.infra.Postgres;
import org.learningloop.testing.TopicReader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks the whole system against what the write load was told, reading each service's own database and the
 * topics directly (never through the APIs under test):
 * <ul>
 *   <li>every acknowledged command has its event exactly once in the owner's event store;</li>
 *   <li>every stored event reached every consumer of its topic exactly once (the consumer's inbox) and in its
 *       stream's version order (the inbox records when each event was applied);</li>
 *   <li>the consumers' effects count each event once: goal-service's scoreboard, learning-service's activity
 *       facts and lag readings, reporting-service's team history;</li>
 *   <li>each topic holds every stored event, each stream in version order (redeliveries are counted, not
 *       faults: consumers drop them).</li>
 * </ul>
 */
final class SystemAudit {

    /** The consumers of the topics: name, the service whose database holds its inbox, the topics' owners. */
    record ConsumerOf(String name, String service, List<String> owners) {
    }

    static final List<ConsumerOf> CONSUMERS = List.of(
            new ConsumerOf("goal-service.scoreboard.v2", "goal-service", List.of("goal-service", "activity-service")),
            new ConsumerOf("goal-service.agreements", "goal-service", List.of("learning-service")),
            new ConsumerOf("activity-service.agreements", "activity-service", List.of("learning-service")),
            new ConsumerOf("learning-service.activities", "learning-service", List.of("activity-service")),
            new ConsumerOf("learning-service.goals.v2", "learning-service", List.of("goal-service")));

    static final Map<String, String> TOPICS = Map.of("goal-service", "loop.goals", "activity-service",
            "loop.activities", "learning-service", "loop.learning");

    /** What one audit found; {@link #problems} names the first few of each kind. */
    record Findings(int eventsLost, int duplicateEffects, int outOfOrder, int topicRedeliveries, int storedEvents,
                    List<String> problems) {
        boolean clean() {
            return eventsLost == 0 && duplicateEffects == 0 && outOfOrder == 0;
        }
    }

    /** A stored event: its stream and version, and the activity it is about (activity events only). */
    private record Stored(String service, String streamId, long version, String type, UUID activityId) {
    }

    private final RunningSystem system;
    private final Ledger ledger;
    private final Set<UUID> teams;
    private final Set<UUID> leadMeasures;

    SystemAudit(RunningSystem system, Ledger ledger, Collection<WriteLoad.Team> teams) {
        this.system = system;
        this.ledger = ledger;
        this.teams = new HashSet<>(teams.stream().map(WriteLoad.Team::teamId).toList());
        this.leadMeasures = new HashSet<>(teams.stream().map(WriteLoad.Team::leadMeasureId).toList());
    }

    /**
     * Audits until the consumers have caught up (nothing lost, nothing doubled) or {@code patience} has passed;
     * the last findings and how long it took.
     */
    Converged untilConverged(Duration patience) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (true) {
            Findings findings = audit();
            if (findings.clean() || System.nanoTime() > deadline) {
                return new Converged(findings, (System.nanoTime() - start) / 1e9);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Converged(Findings findings, double seconds) {
    }

    Findings audit() {
        List<String> problems = new ArrayList<>();
        Counter lost = new Counter(problems);
        Counter doubled = new Counter(problems);
        Counter disordered = new Counter(problems);

        Map<UUID, Stored> stored = new HashMap<>();
        Map<String, Set<UUID>> storedBy = new HashMap<>();
        for (String owner : TOPICS.keySet()) {
            Set<UUID> ids = new HashSet<>();
            query(owner, "select event_id, stream_id, stream_version, event_type, payload ->> 'activityId' "
                    + "from event_store", row -> {
                UUID id = (UUID) row.getObject(1);
                String activity = owner.equals("activity-service") ? row.getString(5) : null;
                stored.put(id, new Stored(owner, row.getString(2), row.getLong(3), row.getString(4),
                        activity == null ? null : UUID.fromString(activity)));
                ids.add(id);
            });
            storedBy.put(owner, ids);
        }

        // 1. the owners' stores: each acknowledged command's event exactly once
        Map<String, Integer> activityEvents = new HashMap<>();
        stored.values().stream().filter(e -> e.service().equals("activity-service"))
                .filter(e -> e.activityId() != null)
                .forEach(e -> activityEvents.merge(e.activityId() + " " + e.type(), 1, Integer::sum));
        expectOnce(ledger.planned, id -> activityEvents.getOrDefault(id + " activity.planned", 0), "planned", lost, doubled);
        expectOnce(ledger.carriedOutByTeam.keySet(), id -> activityEvents.getOrDefault(id + " activity.carried-out", 0),
                "carried out", lost, doubled);
        expectOnce(ledger.evaluated, id -> activityEvents.getOrDefault(id + " activity.evaluated", 0), "evaluated",
                lost, doubled);
        Map<Ledger.Keyed, Integer> readings = new HashMap<>();
        query("goal-service", "select payload ->> 'wigId', payload ->> 'period', payload ->> 'value' from event_store "
                + "where event_type in ('goal.lag-reading-recorded', 'goal.lag-reading-corrected')", row -> readings.merge(
                new Ledger.Keyed(UUID.fromString(row.getString(1)), row.getString(2) + "=" + row.getString(3)), 1,
                Integer::sum));
        expectOnce(ledger.lagReadings, k -> readings.getOrDefault(k, 0), "lag reading", lost, doubled);
        Map<Ledger.Keyed, Integer> meetings = keyedCounts("learning-service", "learning.wig-meeting-opened", "teamId",
                "week");
        expectOnce(ledger.wigMeetings, k -> meetings.getOrDefault(k, 0), "WIG meeting", lost, doubled);

        // 2. every consumer: every event of its topics once, each stream in version order
        for (ConsumerOf consumer : CONSUMERS) {
            Set<UUID> expected = new HashSet<>();
            consumer.owners().forEach(owner -> expected.addAll(storedBy.get(owner)));
            Set<UUID> seen = new HashSet<>();
            Map<String, Long> lastVersion = new HashMap<>();
            query(consumer.service(), "select event_id from inbox where consumer = '" + consumer.name()
                    + "' order by processed_at, event_id", row -> {
                UUID id = (UUID) row.getObject(1);
                seen.add(id);
                Stored event = stored.get(id);
                if (event == null) {
                    return; // published by none of the stores read before (appended since): next audit
                }
                Long last = lastVersion.put(event.streamId(), event.version());
                if (last != null && last >= event.version()) {
                    disordered.count(consumer.name() + " applied " + event.streamId() + " v" + event.version()
                            + " after v" + last);
                }
            });
            for (UUID id : expected) {
                if (!seen.contains(id)) {
                    lost.count(consumer.name() + " has not applied " + id + " " + stored.get(id));
                }
            }
        }

        // 3. the consumers' effects, counted once
        Set<UUID> carriedOut = new HashSet<>();
        stored.values().stream().filter(e -> e.type().equals("activity.carried-out"))
                .forEach(e -> carriedOut.add(e.activityId()));
        Map<UUID, UUID> teamOf = ledger.carriedOutByTeam;
        Map<UUID, Integer> countedPerLeadMeasure = new HashMap<>();
        query("goal-service", "select lead_measure_id, coalesce(sum(automatic), 0) from scoreboard_lead_week "
                + "group by lead_measure_id", row -> countedPerLeadMeasure.put((UUID) row.getObject(1), row.getInt(2)));
        Map<UUID, Integer> expectedPerTeam = new HashMap<>();
        carriedOut.stream().map(teamOf::get).filter(teams::contains)
                .forEach(team -> expectedPerTeam.merge(team, 1, Integer::sum));
        Map<UUID, UUID> leadMeasureOfTeam = new HashMap<>();
        query("goal-service", "select lead_measure_id, team_id from scoreboard_lead_measure", row -> {
            if (leadMeasures.contains((UUID) row.getObject(1))) {
                leadMeasureOfTeam.put((UUID) row.getObject(2), (UUID) row.getObject(1));
            }
        });
        for (UUID team : teams) {
            int expected = expectedPerTeam.getOrDefault(team, 0);
            int counted = countedPerLeadMeasure.getOrDefault(leadMeasureOfTeam.get(team), 0);
            if (counted > expected) {
                doubled.count("scoreboard counts " + counted + " activities of team " + team + ", carried out " + expected);
            } else if (counted < expected) {
                lost.count("scoreboard counts " + counted + " activities of team " + team + ", carried out " + expected);
            }
        }
        Set<UUID> facts = new HashSet<>();
        Set<UUID> evaluatedFacts = new HashSet<>();
        query("learning-service", "select activity_id, carried_out_at is not null, q_intention is not null "
                + "from activity_fact", row -> {
            if (row.getBoolean(2)) {
                facts.add((UUID) row.getObject(1));
            }
            if (row.getBoolean(3)) {
                evaluatedFacts.add((UUID) row.getObject(1));
            }
        });
        carriedOut.stream().filter(id -> !facts.contains(id))
                .forEach(id -> lost.count("learning-service has no fact of carried-out activity " + id));
        stored.values().stream().filter(e -> e.type().equals("activity.evaluated"))
                .map(Stored::activityId).filter(id -> !evaluatedFacts.contains(id))
                .forEach(id -> lost.count("learning-service has no evaluation of activity " + id));
        // learning-service keeps each period's latest value: the value of the period's last stored event
        Map<String, String> latest = new HashMap<>();
        query("goal-service", "select payload ->> 'wigId', payload ->> 'period', payload ->> 'value' from event_store "
                + "where event_type in ('goal.lag-reading-recorded', 'goal.lag-reading-corrected') "
                + "order by global_position", row -> latest.put(row.getString(1) + " " + row.getString(2), row.getString(3)));
        Map<String, String> learned = new HashMap<>();
        query("learning-service", "select wig_id, period, value from lag_reading",
                row -> learned.put(row.getObject(1) + " " + row.getString(2), row.getBigDecimal(3).toPlainString()));
        latest.forEach((period, value) -> {
            if (!value.equals(learned.get(period))) {
                lost.count("learning-service holds " + learned.get(period) + " for lag reading " + period + ", not "
                        + value);
            }
        });

        String history = liveSchema("team-history");
        Set<UUID> inHistory = new HashSet<>();
        Map<String, Integer> historyPerVersion = new HashMap<>();
        query("reporting-service", "select event_id, stream_id, stream_version from " + history
                + ".team_history_entry", row -> {
            inHistory.add((UUID) row.getObject(1));
            historyPerVersion.merge(row.getString(2) + " v" + row.getLong(3), 1, Integer::sum);
        });
        stored.keySet().stream().filter(id -> !inHistory.contains(id))
                .forEach(id -> lost.count("team history lacks " + id + " " + stored.get(id)));
        historyPerVersion.forEach((version, count) -> {
            if (count > 1) {
                doubled.count("team history holds " + version + " " + count + " times");
            }
        });

        // 4. the topics: every stored event, each stream in version order
        int redeliveries = 0;
        for (Map.Entry<String, String> topic : TOPICS.entrySet()) {
            Map<String, Long> highest = new HashMap<>();
            Set<UUID> onTopic = new HashSet<>();
            for (ConsumerRecord<String, String> record : TopicReader.readToEnd(system.kafka().bootstrapServers(),
                    topic.getValue())) {
                String stream = TopicReader.header(record, "ce_streamid");
                long version = Long.parseLong(TopicReader.header(record, "ce_streamversion"));
                if (!onTopic.add(UUID.fromString(TopicReader.header(record, "ce_id")))) {
                    redeliveries++;
                    continue;
                }
                Long before = highest.put(stream, Math.max(version, highest.getOrDefault(stream, 0L)));
                if (before != null && before > version) {
                    disordered.count(topic.getValue() + " holds " + stream + " v" + version + " after v" + before);
                }
            }
            storedBy.get(topic.getKey()).stream().filter(id -> !onTopic.contains(id))
                    .forEach(id -> lost.count(topic.getValue() + " lacks " + id + " " + stored.get(id)));
        }
        return new Findings(lost.count, doubled.count, disordered.count, redeliveries, stored.size(), problems);
    }

    private Map<Ledger.Keyed, Integer> keyedCounts(String service, String type, String idField, String keyField) {
        Map<Ledger.Keyed, Integer> counts = new LinkedHashMap<>();
        query(service, "select payload ->> '" + idField + "', payload ->> '" + keyField + "' from event_store "
                + "where event_type = '" + type + "'", row -> counts.merge(
                new Ledger.Keyed(UUID.fromString(row.getString(1)), row.getString(2)), 1, Integer::sum));
        return counts;
    }

    private static <K> void expectOnce(Collection<K> acknowledged, java.util.function.ToIntFunction<K> stored,
                                       String what, Counter lost, Counter doubled) {
        for (K key : acknowledged) {
            int count = stored.applyAsInt(key);
            if (count == 0) {
                lost.count("acknowledged " + what + " " + key + " is not in the store");
            } else if (count > 1) {
                doubled.count("acknowledged " + what + " " + key + " is stored " + count + " times");
            }
        }
    }

    private String liveSchema(String projection) {
        List<String> schema = new ArrayList<>();
        query("reporting-service", "select schema_name from projection_generation where projection = '" + projection
                + "' and state = 'live'", row -> schema.add(row.getString(1)));
        if (schema.size() != 1) {
            throw new AssertionError("reporting-service has " + schema.size() + " live generations of " + projection);
        }
        return schema.get(0);
    }

    private interface Row {
        void accept(ResultSet row) throws SQLException;
    }

    private void query(String service, String sql, Row each) {
        Postgres postgres = system.postgres();
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(system.database(service)),
                postgres.user(), postgres.password());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                each.accept(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading " + service + "'s database: " + sql, e);
        }
    }

    /** Counts one kind of finding and keeps the first few descriptions. */
    private static final class Counter {
        private final List<String> problems;
        private int count;

        Counter(List<String> problems) {
            this.problems = problems;
        }

        void count(String problem) {
            if (count++ < 5) {
                problems.add(problem);
            }
        }
    }
}
