package org.learningloop.reporting.history;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.learningloop.platform.inbox.IncomingEvent;
import org.learningloop.reporting.projection.BatchProjection;

import java.util.List;

/**
 * The {@code team-history} projection: every event of {@code loop.goals}, {@code loop.activities}
 * and {@code loop.learning} becomes one history entry; {@code goal.team-created} also records the
 * team's unit, so the team's history includes the unit's unit-wide events. A batch at once: its entries in one
 * insert ({@code on conflict do nothing}), its new teams' units in another, after one lookup of the names its
 * lead measure activations need (a proposal earlier in the same batch is taken from the batch).
 */
@ApplicationScoped
public class TeamHistoryProjection implements BatchProjection {

    public static final String NAME = "team-history";

    private final TeamHistory history;

    public TeamHistoryProjection(TeamHistory history) {
        this.history = history;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Version 2: each entry's business time ({@code business_at}), to order and filter the history by. Version 3: the
     * payload stored as {@code json}, the text as published, not {@code jsonb}: every read wants the text, which
     * {@code jsonb} rebuilt from its binary form on every read after parsing it into that form on every write.
     */
    @Override
    public int version() {
        return 3;
    }

    /**
     * No read waits on the team history (the history, state and export reads take no {@code after=}, ADR 23), so it
     * records no stream positions: in a rebuild of a million events they took 6.6 s of PostgreSQL's 31 s.
     */
    @Override
    public boolean awaitedByReads() {
        return false;
    }

    @Override
    public List<String> upgrade(int from) {
        // a version-1 generation takes the column (null in its older rows) until its rebuild replaces it; a
        // version-2 one takes the json payloads as they are, cast to its jsonb column on insert
        return List.of("alter table team_history_entry add column if not exists business_at timestamptz");
    }

    @Override
    public List<String> ddl() {
        return List.of("""
                        create table team_history_entry (
                            event_id       uuid        primary key,
                            team_id        uuid,
                            unit_id        uuid,
                            subject        text,
                            type           text        not null,
                            occurred_at    timestamptz not null,
                            business_at    timestamptz not null,
                            source         text,
                            stream_id      text        not null default '',
                            stream_version bigint      not null default 0,
                            summary        text        not null,
                            payload        json        not null
                        )""",
                "create table team_unit (team_id uuid primary key, unit_id uuid not null)",
                // the batch's lookup of the names its activations need reads this one
                "create index team_history_entry_lead_measure_proposed on team_history_entry "
                        + "((payload ->> 'leadMeasureId')) where type = 'goal.lead-measure-proposed.v1'");
    }

    /** The history pages', the state's and the export's indexes. */
    @Override
    public List<String> readIndexes() {
        return List.of("create index if not exists team_history_entry_team on team_history_entry "
                        + "(team_id, occurred_at, stream_id, stream_version, event_id)",
                "create index if not exists team_history_entry_team_business on team_history_entry "
                        + "(team_id, business_at, stream_id, stream_version, event_id)",
                "create index if not exists team_history_entry_unit_wide on team_history_entry "
                        + "(unit_id, occurred_at, stream_id, stream_version, event_id) where team_id is null",
                // the whole-stream export pages by this key
                "create index if not exists team_history_entry_time on team_history_entry "
                        + "(occurred_at, stream_id, stream_version, event_id)");
    }

    @Override
    public Uni<Void> apply(SqlConnection tx, IncomingEvent event) {
        return history.append(tx, event);
    }

    @Override
    public Writes prepare(List<IncomingEvent> events) {
        return history.entries(events)::append;
    }
}
