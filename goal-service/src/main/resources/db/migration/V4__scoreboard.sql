-- Read model behind GET /teams/{id}/scoreboard and GET /units/{id}/scoreboard, projected from loop.goals and
-- loop.activities by consumer goal-service.scoreboard (rebuildable from offset 0).

-- Teams known to the scoreboard: by TeamCreated, or because a WIG or lead measure names them.
create table scoreboard_team (
    team_id uuid primary key,
    unit_id uuid,
    name    text,
    since   timestamptz not null
);
create index scoreboard_team_by_unit on scoreboard_team (unit_id, name, team_id);

-- WIGs of teams and units; status active, achieved or abandoned.
create table scoreboard_wig (
    wig_id         uuid primary key,
    team_id        uuid,
    unit_id        uuid,
    title          text        not null,
    metric         text        not null,
    lag_unit       text        not null,
    lag_from       numeric     not null,
    lag_to         numeric     not null,
    start_date     date        not null,
    deadline       date        not null,
    cadence        text        not null,
    status         text        not null,
    current_period text,
    current_value  numeric,
    defined_at     timestamptz not null
);
create index scoreboard_wig_by_team on scoreboard_wig (team_id, defined_at, wig_id);
create index scoreboard_wig_by_unit on scoreboard_wig (unit_id, defined_at, wig_id) where team_id is null;

-- Lag readings per period (the latest value of each); the WIG's current value is the latest period's.
create table scoreboard_lag_reading (
    wig_id uuid    not null,
    period text    not null,
    value  numeric not null,
    primary key (wig_id, period)
);

-- Lead measures; status proposed, active or retired. An activity counts towards a lead measure of its
-- team and type when it was carried out while the lead measure was active: active_from (the activation's
-- time) <= carried out < active_until (the retirement's time). Judged by event times, so a replay
-- counts the same whatever order the two topics interleave in.
create table scoreboard_lead_measure (
    lead_measure_id uuid primary key,
    wig_id          uuid,
    team_id         uuid        not null,
    unit_id         uuid,
    name            text,
    activity_type   text        not null,
    weekly_target   integer     not null,
    status          text        not null,
    since           timestamptz not null,
    active_from     timestamptz,
    active_until    timestamptz
);
create index scoreboard_lead_measure_by_team on scoreboard_lead_measure (team_id, since, lead_measure_id);
create index scoreboard_lead_measure_counting on scoreboard_lead_measure (team_id, activity_type) where active_from is not null;

-- Every activity carried out (once per activity id), so a lead measure activated later, or an
-- activity applied before the activation it falls under, is still counted.
create table scoreboard_activity (
    activity_id    uuid primary key,
    team_id        uuid        not null,
    activity_type  text        not null,
    carried_out_at timestamptz not null,
    week           text        not null
);
create index scoreboard_activity_by_team_type on scoreboard_activity (team_id, activity_type, carried_out_at);

-- Weekly actuals per lead measure and ISO week (2026-W48, text in time order): counted activities and the manual count.
create table scoreboard_lead_week (
    lead_measure_id uuid    not null,
    week            text    not null,
    automatic       integer not null default 0,
    manual          integer not null default 0,
    primary key (lead_measure_id, week)
);

-- Which activities each lead measure counted, so an activity published again under a new event id counts once.
create table scoreboard_counted_activity (
    lead_measure_id uuid not null,
    activity_id     uuid not null,
    week            text not null,
    primary key (lead_measure_id, activity_id)
);
