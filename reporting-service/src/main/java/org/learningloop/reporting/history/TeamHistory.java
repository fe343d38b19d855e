package org.learningloop.reporting.history;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.EventJson;
import org.learningloop.contracts.goal.LeadMeasureActivated;
import org.learningloop.contracts.goal.LeadMeasureProposed;
import org.learningloop.contracts.goal.TeamCreated;
import org.learningloop.platform.http.Cursors;
import org.learningloop.platform.http.Page;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.platform.config.LoopConfig;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.reporting.ReportingBeans;
import org.learningloop.reporting.state.BusinessTime;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The team history read model: {@code team_history_entry} and {@code team_unit}. */
@ApplicationScoped
public class TeamHistory {

    /**
     * One entry of a team's timeline: {@code time} when it was recorded, {@code businessTime} when what it describes
     * happened (the activity carried out, the week of the WIG meeting, …; a definition's is its recording time).
     */
    public record Entry(UUID eventId, Instant time, Instant businessTime, String type, String summary,
                        String streamId, long streamVersion,
                        // the stored JSON, written as it is: parsing and writing it again cost a page most of its time
                        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The event as published")
                        String event) {
    }

    /** Which time the timeline is ordered and filtered by. */
    public enum Timeline {
        /** When the events were recorded (the default). */
        RECORDED("occurred_at"),
        /** When what they describe happened (BusinessTime). */
        BUSINESS("business_at");

        private final String column;

        Timeline(String column) {
            this.column = column;
        }
    }

    private final ZoneId zone;

    public TeamHistory(LoopConfig loop) {
        this.zone = loop.timeZone();
    }

    /** The entries of a batch, one row per event: each column an array, unnested into one insert. */
    private static final String INSERT_ENTRIES = """
            insert into team_history_entry (event_id, team_id, unit_id, subject, type, occurred_at, source, stream_id,
                                            stream_version, summary, payload, business_at)
            select event_id, team_id, unit_id, subject, type, occurred_at, source, stream_id, stream_version, summary,
                   payload::json, business_at
            from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                        $8::text[], $9::bigint[], $10::text[], $11::text[], $12::timestamptz[])
                 as e(event_id, team_id, unit_id, subject, type, occurred_at, source, stream_id, stream_version, summary,
                      payload, business_at)
            on conflict (event_id) do nothing""";
    private static final String INSERT_TEAM_UNITS = "insert into team_unit (team_id, unit_id) "
            + "select * from unnest($1::uuid[], $2::uuid[]) on conflict (team_id) do nothing";
    /** The names lead measures were proposed with (same team, so earlier in the same partition). */
    private static final String PROPOSED_NAMES = "select payload->>'leadMeasureId' as id, payload->>'name' as name "
            + "from team_history_entry where type = 'goal.lead-measure-proposed.v1' "
            + "and payload->>'leadMeasureId' = any($1)";

    /** Adds the event to the history (an event already there stays as it is) and, for a new team, its unit. */
    public Uni<Void> append(SqlClient tx, IncomingEvent incoming) {
        return entries(List.of(incoming)).append(tx);
    }

    /**
     * The history entries of {@code events}, worked out from the events alone; {@link Entries#append} adds them as
     * {@link #append(SqlClient, IncomingEvent)} adds each in turn.
     */
    public Entries entries(List<IncomingEvent> events) {
        return new Entries(events, zone);
    }

    /**
     * A batch's entries, one array per column, and its new teams' units. The summary of a lead measure's activation
     * names the lead measure as it was proposed, which an earlier batch may have stored: it is completed when the
     * entries are appended.
     */
    public static final class Entries {
        private final int n;
        private final UUID[] eventIds;
        private final UUID[] teams;
        private final UUID[] units;
        private final String[] subjects;
        private final String[] types;
        private final OffsetDateTime[] times;
        private final String[] sources;
        private final String[] streams;
        private final Long[] versions;
        private final String[] summaries;
        private final String[] payloads;
        private final OffsetDateTime[] businessTimes;
        private final List<UUID> newTeams = new ArrayList<>();
        private final List<UUID> theirUnits = new ArrayList<>();
        /** The activations, by index, and the name their proposal earlier in the batch gave (if any). */
        private final Map<Integer, LeadMeasureActivated> activations = new HashMap<>();
        private final Map<Integer, String> namedInBatch = new HashMap<>();

        private Entries(List<IncomingEvent> events, ZoneId zone) {
            n = events.size();
            eventIds = new UUID[n];
            teams = new UUID[n];
            units = new UUID[n];
            subjects = new String[n];
            types = new String[n];
            times = new OffsetDateTime[n];
            sources = new String[n];
            streams = new String[n];
            versions = new Long[n];
            summaries = new String[n];
            payloads = new String[n];
            businessTimes = new OffsetDateTime[n];
            Map<UUID, String> proposedInBatch = new HashMap<>();
            for (int i = 0; i < n; i++) {
                IncomingEvent incoming = events.get(i);
                String type = ReportingBeans.CATALOG.typeOf(incoming.event()).ceType();
                String payload = ReportingBeans.CATALOG.encode(incoming.event());
                // the tree read from the stored JSON, and only for the types whose business time it holds: building
                // it from the event (valueToTree) for every one cost three times the encoding
                Instant business = BusinessTime.of(type, () -> tree(payload), incoming.time(), zone);
                eventIds[i] = incoming.eventId();
                teams[i] = incoming.event().teamId();
                units[i] = incoming.event().unitId();
                subjects[i] = incoming.subject();
                types[i] = type;
                times[i] = Rows.utc(incoming.time());
                sources[i] = incoming.source();
                streams[i] = incoming.streamId() == null ? "" : incoming.streamId();
                versions[i] = incoming.streamVersion();
                payloads[i] = payload;
                businessTimes[i] = Rows.utc(business == null ? incoming.time() : business);
                if (incoming.event() instanceof LeadMeasureActivated activated) {
                    activations.put(i, activated);
                    if (activated.leadMeasureId() != null && proposedInBatch.containsKey(activated.leadMeasureId())) {
                        namedInBatch.put(i, proposedInBatch.get(activated.leadMeasureId()));
                    }
                } else {
                    summaries[i] = Summaries.summarize(type, incoming.event());
                }
                if (incoming.event() instanceof LeadMeasureProposed proposed && proposed.leadMeasureId() != null) {
                    // a later activation in the same batch finds the name here, as it would in the table
                    proposedInBatch.putIfAbsent(proposed.leadMeasureId(), proposed.name());
                }
                if (incoming.event() instanceof TeamCreated created && created.unitId() != null) {
                    newTeams.add(created.teamId());
                    theirUnits.add(created.unitId());
                }
            }
        }

        /**
         * Adds the entries (one already there stays as it is) and the new teams' units: two or three statements
         * whatever their number, the first looking up the names of the lead measures they activate.
         */
        public Uni<Void> append(SqlClient tx) {
            return storedNames(tx).chain(names -> {
                activations.forEach((i, activated) -> {
                    String stored = activated.leadMeasureId() == null ? null
                            : names.get(activated.leadMeasureId().toString());
                    String name = stored != null ? stored : namedInBatch.get(i);
                    summaries[i] = Summaries.activated(activated, name);
                });
                Uni<Void> entries = tx.preparedQuery(INSERT_ENTRIES).execute(Tuple.tuple().addArrayOfUUID(eventIds)
                                .addArrayOfUUID(teams).addArrayOfUUID(units).addArrayOfString(subjects)
                                .addArrayOfString(types).addArrayOfOffsetDateTime(times).addArrayOfString(sources)
                                .addArrayOfString(streams).addArrayOfLong(versions).addArrayOfString(summaries)
                                .addArrayOfString(payloads).addArrayOfOffsetDateTime(businessTimes))
                        .replaceWithVoid();
                if (newTeams.isEmpty()) {
                    return entries;
                }
                return entries.chain(() -> tx.preparedQuery(INSERT_TEAM_UNITS)
                        .execute(Tuple.of(newTeams.toArray(UUID[]::new), theirUnits.toArray(UUID[]::new)))
                        .replaceWithVoid());
            });
        }

        /**
         * The names, by lead measure id, that the lead measures activated here were proposed with before the batch
         * (one query, only when some event activates one): a stored proposal wins over one in the batch.
         */
        private Uni<Map<String, String>> storedNames(SqlClient tx) {
            String[] activated = activations.values().stream().map(LeadMeasureActivated::leadMeasureId)
                    .filter(java.util.Objects::nonNull).map(UUID::toString).distinct().toArray(String[]::new);
            if (activated.length == 0) {
                return Uni.createFrom().item(Map.of());
            }
            return tx.preparedQuery(PROPOSED_NAMES).execute(Tuple.of(activated)).map(rows -> {
                Map<String, String> names = new HashMap<>();
                rows.forEach(row -> names.putIfAbsent(row.getString("id"), row.getString("name")));
                return names;
            });
        }
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An encoded event is not JSON", e);
        }
    }

    /**
     * A page of the team's timeline: its own events and its unit's unit-wide ones, by the {@code timeline}'s time
     * ({@code from} inclusive, {@code to} exclusive), then stream, stream version and event id.
     *
     * @param types ce types to keep, or {@code null} for all
     */
    public Uni<Page<Entry>> page(SqlClient client, UUID teamId, Timeline timeline, Instant from, Instant to,
                                 List<String> types, String cursor, int limit) {
        String time = timeline.column;
        Tuple params = Tuple.tuple().addUUID(teamId).addOffsetDateTime(Rows.utc(from)).addOffsetDateTime(Rows.utc(to))
                .addArrayOfString(types == null ? null : types.toArray(new String[0]));
        if (cursor != null) {
            String[] key = Cursors.decode(cursor, 4);
            try {
                params.addOffsetDateTime(Rows.utc(Instant.parse(key[0]))).addString(key[1]).addLong(Long.parseLong(key[2]))
                        .addUUID(UUID.fromString(key[3]));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw Cursors.invalid();
            }
        }
        params.addInteger(limit + 1);
        String sql = pageQuery(timeline, cursor != null);
        return client.preparedQuery(sql)
                .execute(params)
                .map(rows -> {
                    List<Row> all = new ArrayList<>();
                    rows.forEach(all::add);
                    return Page.of(all, limit, TeamHistory::entry, last -> Cursors.encode(
                            last.getOffsetDateTime(time).toInstant().toString(), last.getString("stream_id"),
                            Long.toString(last.getLong("stream_version")), last.getUUID("event_id").toString()));
                });
    }

    /**
     * The page query: $1 the team, $2 and $3 the time range, $4 the types, then with {@code afterCursor} $5 to $8 the
     * cursor's key, and last the row limit. The team's own events and its unit's unit-wide ones are each read in order
     * from an index of their own, then merged: one condition over both ({@code team_id = $1 or} unit-wide of its unit)
     * matches neither index, and the planner then walks every team's events in time order, a cost that grows with the
     * whole system instead of with the team.
     */
    static String pageQuery(Timeline timeline, boolean afterCursor) {
        String time = timeline.column;
        String order = " order by " + time + ", stream_id, stream_version, event_id limit $" + (afterCursor ? 9 : 5);
        String filters = " and ($2::timestamptz is null or " + time + " >= $2)"
                + " and ($3::timestamptz is null or " + time + " < $3)"
                + " and ($4::text[] is null or type = any($4))"
                + (afterCursor ? " and (" + time + ", stream_id, stream_version, event_id) > ($5, $6, $7, $8)" : "")
                + order;
        String columns = "select event_id, occurred_at, business_at, type, summary, stream_id, stream_version, payload"
                + " from team_history_entry";
        return "select event_id, occurred_at, business_at, type, summary, stream_id, stream_version,"
                + " payload::text as payload from ("
                + "(" + columns + " where team_id = $1" + filters + ")"
                + " union all (" + columns + " where team_id is null"
                + " and unit_id = (select unit_id from team_unit where team_id = $1)" + filters + ")"
                + ") e" + order;
    }

    private static Entry entry(Row row) {
        String streamId = row.getString("stream_id");
        OffsetDateTime business = row.getOffsetDateTime("business_at");
        return new Entry(row.getUUID("event_id"), row.getOffsetDateTime("occurred_at").toInstant(),
                business == null ? null : business.toInstant(), row.getString("type"), row.getString("summary"),
                streamId.isEmpty() ? null : streamId, row.getLong("stream_version"), row.getString("payload"));
    }

}
