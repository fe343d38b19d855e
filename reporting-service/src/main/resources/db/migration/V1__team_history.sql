-- team-history projection: one row per event of loop.goals, loop.activities and loop.learning.
create table team_history_entry (
    event_id       uuid        primary key,
    team_id        uuid,
    unit_id        uuid,
    subject        text,
    type           text        not null,
    occurred_at    timestamptz not null,
    source         text,
    stream_id      text        not null default '',
    stream_version bigint      not null default 0,
    summary        text        not null,
    payload        jsonb       not null,
    applied_at     timestamptz not null default now()
);
create index team_history_entry_team on team_history_entry (team_id, occurred_at, stream_id, stream_version, event_id);
create index team_history_entry_unit_wide on team_history_entry (unit_id, occurred_at, stream_id, stream_version, event_id)
    where team_id is null;

-- which unit each team belongs to (goal.team-created.v1), so a team's history includes its unit's unit-wide events
create table team_unit (
    team_id uuid primary key,
    unit_id uuid not null
);

-- the name a lead measure was proposed with, for the summary of its activation
create index team_history_entry_lead_measure_proposed on team_history_entry ((payload ->> 'leadMeasureId'))
    where type = 'goal.lead-measure-proposed.v1';
