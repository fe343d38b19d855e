-- Organisation read models (units, teams, memberships) and the staff data kept out of events.
-- unit_view, team_view and team_membership are written in the transaction of each command on the
-- unit's or team's stream, from the events it appended; each row records the stream version it has
-- caught up with, so they can always be rebuilt from event_store.

create table unit_view (
    unit_id    uuid primary key,
    name       text        not null,
    manager_id uuid        not null,
    created_at timestamptz not null,
    version    bigint      not null
);

create index unit_view_by_order on unit_view (created_at, unit_id);

create table team_view (
    team_id      uuid primary key,
    unit_id      uuid        not null,
    name         text        not null,
    member_count integer     not null default 0,
    created_at   timestamptz not null,
    version      bigint      not null
);

create index team_view_by_order on team_view (created_at, team_id);
create index team_view_by_unit on team_view (unit_id, created_at, team_id);

-- One row per stay in a team: joining again after leaving starts a new row.
create table team_membership (
    id        bigint generated always as identity primary key,
    team_id   uuid        not null,
    member_id uuid        not null,
    role      text        not null check (role in ('member', 'team-lead')),
    joined_at timestamptz not null,
    left_at   timestamptz,
    check (left_at is null or left_at >= joined_at)
);

create unique index team_membership_current on team_membership (team_id, member_id) where left_at is null;
create index team_membership_by_team on team_membership (team_id, joined_at, id);

-- Staff display names: personal data, never in events, erasable here and only here.
create table staff_member (
    member_id    uuid primary key,
    display_name text        not null,
    updated_at   timestamptz not null
);
