-- The projection runtime (ADR 9): each projection's tables live in a schema per generation
-- (proj_<name>_g<n>, created from the projection's ddl()); the runner keeps, per generation, the next
-- offset of every partition it read, committed in the same transaction as the rows it applied.

create table projection_generation (
    projection      text        not null,
    generation      int         not null,
    schema_name     text        not null unique,
    state           text        not null check (state in ('building', 'live', 'retired')),
    events_applied  bigint      not null default 0,
    last_applied_at timestamptz,
    created_at      timestamptz not null default now(),
    live_at         timestamptz,
    retired_at      timestamptz,
    primary key (projection, generation)
);
-- at most one live and one building generation per projection
create unique index projection_generation_one_live on projection_generation (projection) where state = 'live';
create unique index projection_generation_one_building on projection_generation (projection) where state = 'building';

create table projection_checkpoint (
    projection  text   not null,
    generation  int    not null,
    topic       text   not null,
    partition   int    not null,
    next_offset bigint not null,
    primary key (projection, generation, topic, partition),
    foreign key (projection, generation) references projection_generation (projection, generation) on delete cascade
);

-- Slice 1's team-history tables (V1) and its inbox rows are replaced by the generation schemas of the
-- team-history projection, which rebuilds them from offset 0 at first start.
drop table team_history_entry;
drop table team_unit;
delete from inbox where consumer = 'reporting-service.team-history';
