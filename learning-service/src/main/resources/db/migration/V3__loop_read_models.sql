-- Read models of what goal-service publishes on loop.goals (consumer learning-service.goals, inbox, same transaction).
create table unit_directory (
    unit_id uuid primary key,
    name    text not null
);

create table team_directory (
    team_id    uuid        primary key,
    unit_id    uuid        not null,
    name       text        not null,
    created_at timestamptz not null
);

create index team_directory_by_unit on team_directory (unit_id, team_id);

create table wig_view (
    wig_id    uuid    primary key,
    team_id   uuid,
    unit_id   uuid,
    title     text    not null,
    metric    text    not null,
    unit_name text,
    from_value numeric not null,
    to_value   numeric not null,
    start_date date    not null,
    deadline   date    not null,
    cadence    text    not null,
    status     text    not null check (status in ('active', 'achieved', 'abandoned'))
);

create index wig_view_by_team on wig_view (team_id);

-- One row per WIG and period (ISO week or month, as the lag measure's cadence); a correction overwrites.
create table lag_reading (
    wig_id uuid    not null,
    period text    not null,
    value  numeric not null,
    primary key (wig_id, period)
);

create table lead_measure_view (
    lead_measure_id uuid    primary key,
    wig_id          uuid    not null,
    team_id         uuid    not null,
    unit_id         uuid,
    name            text    not null,
    activity_type   text    not null,
    weekly_target   integer not null,
    status          text    not null check (status in ('proposed', 'active', 'retired'))
);

create index lead_measure_view_by_team on lead_measure_view (team_id);

-- Manual lead readings by ISO week; a correction overwrites.
create table lead_reading (
    lead_measure_id uuid    not null,
    week            text    not null,
    count           integer not null,
    primary key (lead_measure_id, week)
);

-- Read model of loop.activities: per activity the facts the APT digest and the loop iterations need.
-- month and week come from carriedOutAt (the payload), in the organisation's zone, never from arrival time.
create table activity_fact (
    activity_id       uuid primary key,
    team_id           uuid not null,
    unit_id           uuid,
    activity_type     text,
    lead_measure_id   uuid,
    design_id         uuid,
    design_version    integer,
    segment           text,
    carried_out_at    timestamptz,
    month             text,
    week              text,
    intention_reached text,
    outcomes          jsonb,
    adaptations       jsonb,
    q_intention       integer,
    q_frames          integer,
    q_content         integer,
    q_presence        integer,
    q_focus           integer,
    q_flexibility     integer,
    improvement_proposals jsonb
);

create index activity_fact_by_unit_month on activity_fact (unit_id, month);
create index activity_fact_by_team_month on activity_fact (team_id, month);
create index activity_fact_by_lead_week on activity_fact (lead_measure_id, week);

-- Sorted feedback items (activity.feedback-given), one row per item.
create table feedback_item (
    event_id    uuid    not null,
    position    integer not null,
    activity_id uuid    not null,
    category    text    not null,
    element     text    not null,
    text        text    not null,
    primary key (event_id, position)
);

create index feedback_item_by_activity on feedback_item (activity_id);

-- Workplace meetings (APT), written in the transaction of the command that opens or closes one.
create table workplace_meeting (
    workplace_meeting_id uuid primary key,
    unit_id              uuid not null,
    month                text not null,
    status               text not null check (status in ('open', 'closed')),
    unique (unit_id, month)
);

-- Agreements of closed workplace meetings, written in the closing transaction.
create table agreement_view (
    agreement_id         uuid  primary key,
    workplace_meeting_id uuid  not null,
    unit_id              uuid  not null,
    team_id              uuid,
    month                text  not null,
    position             integer not null,
    payload              jsonb not null
);

create index agreement_view_by_meeting on agreement_view (workplace_meeting_id, position);

-- Closed loop iterations of each team; the current one is the next number (1 when none closed).
create table loop_iteration (
    team_id              uuid    not null,
    iteration            integer not null,
    unit_id              uuid    not null,
    from_month           text,
    to_month             text    not null,
    workplace_meeting_id uuid    not null,
    agreement_ids        uuid[]  not null,
    primary key (team_id, iteration)
);
