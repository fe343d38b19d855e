package org.learningloop.reporting.exports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.contracts.EventJson;
import org.learningloop.platform.readmodel.Rows;
import org.learningloop.reporting.activities.ActivityFactsProjection;
import org.learningloop.reporting.history.TeamHistoryProjection;
import org.learningloop.reporting.projection.ProjectionReads;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes the exports page by page (keyset pages of {@value #PAGE} rows, each read from the live generation),
 * so no export is ever held in memory whole. Runs on a worker thread: it waits for each page.
 */
@ApplicationScoped
public class Exports {

    static final int PAGE = 500;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The CSV header of {@code /exports/activities.csv}. */
    static final List<String> ACTIVITY_COLUMNS = List.of("activity_id", "team_id", "unit_id", "activity_type",
            "lead_measure_id", "design_id", "design_version", "segment", "scheduled_at", "carried_out_at", "cancelled",
            "intention_reached", "presence", "focus", "quality_intention", "quality_frames", "quality_content",
            "quality_presence", "quality_focus", "quality_flexibility", "outcomes");

    /** The select list of the CSV's columns ({@code outcomes} is jsonb, written as {@code key=value;...}). */
    private static final String ACTIVITY_SELECT = ACTIVITY_COLUMNS.stream()
            .map(c -> "outcomes".equals(c) ? "outcomes::text as outcomes" : c).collect(Collectors.joining(", "));
    private static final TypeReference<Map<String, Integer>> OUTCOMES = new TypeReference<>() {
    };

    private final ProjectionReads reads;

    public Exports(ProjectionReads reads) {
        this.reads = reads;
    }

    /** Events as NDJSON, one CloudEvents-style object a line, in history order. */
    public void events(UUID teamId, Instant from, Instant to, OutputStream output) {
        Writer out = writer(output);
        Object[] after = null;
        while (true) {
            List<Row> page = eventPage(teamId, from, to, after);
            for (Row row : page) {
                line(out, row);
            }
            flush(out);
            if (page.size() < PAGE) {
                return;
            }
            Row last = page.get(page.size() - 1);
            after = new Object[] {last.getOffsetDateTime("occurred_at"), last.getString("stream_id"),
                    last.getLong("stream_version"), last.getUUID("event_id")};
        }
    }

    private List<Row> eventPage(UUID teamId, Instant from, Instant to, Object[] after) {
        Tuple params = Tuple.tuple().addUUID(teamId).addOffsetDateTime(Rows.utc(from)).addOffsetDateTime(Rows.utc(to));
        String key = "";
        if (after != null) {
            params.addOffsetDateTime((OffsetDateTime) after[0]).addString((String) after[1]).addLong((Long) after[2])
                    .addUUID((UUID) after[3]);
            key = " and (occurred_at, stream_id, stream_version, event_id) > ($4, $5, $6, $7)";
        }
        String teamFilter = teamId == null ? "$1::uuid is null"
                : "(team_id = $1 or (team_id is null and unit_id = (select unit_id from team_unit where team_id = $1)))";
        String sql = "select event_id, type, source, subject, occurred_at, stream_id, stream_version, payload::text as payload"
                + " from team_history_entry where " + teamFilter
                + " and ($2::timestamptz is null or occurred_at >= $2) and ($3::timestamptz is null or occurred_at < $3)"
                + key + " order by occurred_at, stream_id, stream_version, event_id limit " + PAGE;
        return reads.read(TeamHistoryProjection.NAME, tx -> tx.preparedQuery(sql).execute(params).map(Exports::rows))
                .await().atMost(PATIENCE);
    }

    private static void line(Writer out, Row row) {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", row.getUUID("event_id").toString());
        event.put("type", row.getString("type"));
        event.put("source", row.getString("source"));
        event.put("subject", row.getString("subject"));
        event.put("time", row.getOffsetDateTime("occurred_at").toInstant().toString());
        if (!row.getString("stream_id").isEmpty()) {
            event.put("streamid", row.getString("stream_id"));
            event.put("streamversion", row.getLong("stream_version"));
        }
        try {
            event.set("data", EventJson.MAPPER.readTree(row.getString("payload")));
            out.write(EventJson.MAPPER.writeValueAsString(event));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored payload is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Activities as RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break). */
    public void activities(UUID teamId, UUID unitId, Instant from, Instant to, OutputStream output) {
        Writer out = writer(output);
        row(out, ACTIVITY_COLUMNS);
        Object[] after = null;
        while (true) {
            List<Row> page = activityPage(teamId, unitId, from, to, after);
            for (Row row : page) {
                List<String> fields = new ArrayList<>(ACTIVITY_COLUMNS.size());
                for (String column : ACTIVITY_COLUMNS) {
                    Object value = row.getValue(column);
                    fields.add(value == null ? "" : "outcomes".equals(column) ? outcomes(value.toString())
                            : value instanceof OffsetDateTime time ? time.toInstant().toString() : value.toString());
                }
                row(out, fields);
            }
            flush(out);
            if (page.size() < PAGE) {
                return;
            }
            Row last = page.get(page.size() - 1);
            after = new Object[] {last.getOffsetDateTime("at"), last.getUUID("activity_id")};
        }
    }

    private List<Row> activityPage(UUID teamId, UUID unitId, Instant from, Instant to, Object[] after) {
        Tuple params = Tuple.tuple().addUUID(teamId).addUUID(unitId).addOffsetDateTime(Rows.utc(from))
                .addOffsetDateTime(Rows.utc(to));
        String key = "";
        if (after != null) {
            params.addOffsetDateTime((OffsetDateTime) after[0]).addUUID((UUID) after[1]);
            key = " and (at, activity_id) > ($5, $6)";
        }
        String sql = "select " + ACTIVITY_SELECT + ", at from activity_fact"
                + " where ($1::uuid is null or team_id = $1) and ($2::uuid is null or unit_id = $2)"
                + " and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)"
                + key + " order by at, activity_id limit " + PAGE;
        return reads.read(ActivityFactsProjection.NAME, tx -> tx.preparedQuery(sql).execute(params).map(Exports::rows))
                .await().atMost(PATIENCE);
    }

    /** Outcome counts as {@code key=value;...}, keys in alphabetical order (deterministic); none gives "". */
    static String outcomes(String json) {
        try {
            return new TreeMap<>(EventJson.MAPPER.readValue(json, OUTCOMES)).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored outcomes are not a count map", e);
        }
    }

    static void row(Writer out, List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(csv(fields.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One RFC 4180 field. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static List<Row> rows(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }

    private static Writer writer(OutputStream output) {
        return new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
