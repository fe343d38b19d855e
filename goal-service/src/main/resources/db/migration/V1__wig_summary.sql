-- Read model behind GET /wigs: one row per WIG, projected from loop.goals (rebuildable from offset 0).
create table wig_summary (
    wig_id            uuid primary key,
    title             text        not null,
    team_id           uuid,
    unit_id           uuid,
    parent_wig_id     uuid,
    metric            text        not null,
    lag_unit          text        not null,
    lag_from          numeric     not null,
    lag_to            numeric     not null,
    start_date        date        not null,
    deadline          date        not null,
    cadence           text        not null,
    current_period    text,
    current_value     numeric,
    readings_recorded integer     not null default 0,
    defined_at        timestamptz not null,
    version           bigint      not null
);

create index wig_summary_by_order on wig_summary (defined_at, wig_id);
create index wig_summary_by_team on wig_summary (team_id, defined_at, wig_id);
create index wig_summary_by_unit on wig_summary (unit_id, defined_at, wig_id);
