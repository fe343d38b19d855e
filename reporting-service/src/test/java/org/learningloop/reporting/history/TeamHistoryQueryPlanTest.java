package org.learningloop.reporting.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A team's history page costs what the team's history holds, not what the whole system holds: PostgreSQL's generic
 * plan of every page query (both timelines, first page and after a cursor) reads {@code team_history_entry} only
 * through an index bounded to the team ({@code team_id}) or to its unit's unit-wide events ({@code unit_id}). A plan
 * that walks the whole history in time order and filters by team (as a single {@code team_id = $1 or …} condition
 * makes it do) took 267 ms for one page with 200,000 events in the system, against 2 ms.
 */
@QuarkusTest
class TeamHistoryQueryPlanTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Test
    void everyPageQuery_readsTheHistoryOnlyThroughAnIndexBoundedToTheTeamOrItsUnit() {
        String schema = await().atMost(PATIENCE).until(this::liveSchema, name -> name != null);
        for (TeamHistory.Timeline timeline : TeamHistory.Timeline.values()) {
            for (boolean afterCursor : new boolean[] {false, true}) {
                JsonNode plan = plan(schema, TeamHistory.pageQuery(timeline, afterCursor));
                List<JsonNode> reads = new ArrayList<>();
                collect(plan, reads);
                assertThat(reads).as("%s timeline, %s: the plan reads team_history_entry", timeline,
                        afterCursor ? "after a cursor" : "first page").isNotEmpty();
                for (JsonNode read : reads) {
                    assertThat(read.path("Node Type").asText()).as("%s timeline, %s: %s", timeline,
                            afterCursor ? "after a cursor" : "first page", read).isIn("Index Scan", "Index Only Scan",
                            "Bitmap Index Scan");
                    assertThat(read.path("Index Cond").asText()).as("%s timeline, %s: %s", timeline,
                                    afterCursor ? "after a cursor" : "first page", read)
                            .containsPattern("team_id = \\$1\\b|unit_id = \\$\\d+");
                }
            }
        }
    }

    private String liveSchema() {
        var rows = pool.preparedQuery("select schema_name from projection_generation where projection = 'team-history' "
                + "and state = 'live'").execute().await().atMost(PATIENCE);
        return rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null;
    }

    /**
     * The generic plan (the one a cached prepared statement runs with after its first executions), with sequential
     * scans priced out: the question is which index the query can be bounded by, not what a near-empty table costs.
     */
    private JsonNode plan(String schema, String query) {
        return pool.withConnection(connection -> connection.query("set search_path to " + schema + ", public").execute()
                        .chain(() -> connection.query("set enable_seqscan to off").execute())
                        .chain(() -> connection.query("explain (generic_plan, format json) " + query).execute())
                        .eventually(() -> connection.query("reset all").execute()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    try {
                        return JSON.readTree(row.getValue(0).toString()).get(0).get("Plan");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .await().atMost(PATIENCE);
    }

    /** Every node of the plan that reads team_history_entry (a bitmap heap scan's reads are its index scans). */
    private static void collect(JsonNode node, List<JsonNode> reads) {
        String type = node.path("Node Type").asText();
        boolean indexOfTheHistory = node.path("Index Name").asText().startsWith("team_history_entry");
        if ("team_history_entry".equals(node.path("Relation Name").asText()) && !type.equals("Bitmap Heap Scan")
                || type.equals("Bitmap Index Scan") && indexOfTheHistory) {
            reads.add(node);
        }
        node.path("Plans").forEach(child -> collect(child, reads));
    }
}
