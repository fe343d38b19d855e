-- Reference data: activity types and segments (kinds of workplace). Plain tables, not event streams:
-- they are vocabulary that designs and activities refer to by key, added by API, never changed.
create table activity_type (
    key         text        primary key check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text        not null,
    description text,
    created_at  timestamptz not null default now()
);

create table segment (
    key        text        primary key check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name       text        not null,
    criteria   text,
    created_at timestamptz not null default now()
);

insert into activity_type (key, name, description) values
    ('workplace-visit', 'Workplace visit', 'A visit to a workplace to meet employees and talk about the union'),
    ('development-dialogue', 'Personal development dialogue', 'A dialogue between a manager and an employee about development'),
    ('safety-round', 'Safety round', 'A round of the workplace in the systematic work-environment work'),
    ('cooperation-meeting', 'Cooperation meeting', 'A meeting between employer and union in the cooperation process')
on conflict (key) do nothing;

insert into segment (key, name, criteria) values
    ('call-centre', 'Call centre', 'Workplaces where most employees work on the phone'),
    ('small-6-30', 'Small workplace (6-30 employees)', 'Workplaces with 6 to 30 employees'),
    ('large-industry', 'Large industry', 'Industrial workplaces with many employees'),
    ('public-sector', 'Public sector', 'Workplaces of state, regions and municipalities')
on conflict (key) do nothing;

-- Read model behind GET /designs: one row per design, written in the transaction of each command on
-- its stream (design-<id>). segments holds the keys as ",a,b," so that one segment is a LIKE match.
create table design_view (
    design_id       uuid        primary key,
    unit_id         uuid        not null,
    team_id         uuid        not null,
    name            text        not null,
    activity_type   text        not null,
    lead_measure_id uuid,
    segments        text        not null,
    status          text        not null check (status in ('active', 'retired')),
    current_version integer     not null,
    forked_from_id  uuid,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    stream_version  bigint      not null
);

create index design_view_by_order on design_view (created_at, design_id);
create index design_view_by_unit on design_view (unit_id, created_at, design_id);
