-- Read model behind GET /teams/{teamId}/activities: one row per activity, written in the transaction of
-- each command on its stream (activity-<id>), so it is as current as the event store.
create table activity_view (
    activity_id     uuid        primary key,
    team_id         uuid        not null,
    unit_id         uuid,
    lead_measure_id uuid,
    activity_type   text        not null,
    design_id       uuid        not null,
    design_version  integer     not null,
    segment         text        not null,
    scheduled_at    timestamptz not null,
    carried_out_at  timestamptz,
    status          text        not null check (status in ('planned', 'carried-out', 'evaluated', 'cancelled')),
    feedback_count  integer     not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);

create index activity_view_by_team on activity_view (team_id, scheduled_at, activity_id);
