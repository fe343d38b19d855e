-- Read model behind GET /lead-measures: one row per lead measure, written in the transaction of each
-- command on its stream (lead-measure-<id>), so it is as current as the event store.
create table lead_measure_view (
    lead_measure_id uuid        primary key,
    wig_id          uuid        not null,
    team_id         uuid        not null,
    unit_id         uuid,
    name            text        not null,
    activity_type   text        not null,
    weekly_target   integer     not null,
    status          text        not null check (status in ('proposed', 'active', 'retired')),
    replaces_id     uuid,
    replaced_by_id  uuid,
    proposed_at     timestamptz not null,
    updated_at      timestamptz not null,
    version         bigint      not null
);

create index lead_measure_view_by_order on lead_measure_view (proposed_at, lead_measure_id);
create index lead_measure_view_by_team on lead_measure_view (team_id, proposed_at, lead_measure_id);
create index lead_measure_view_by_wig on lead_measure_view (wig_id, proposed_at, lead_measure_id);
