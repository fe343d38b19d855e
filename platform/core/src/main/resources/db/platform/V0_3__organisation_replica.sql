-- Who belongs where, as the team and unit scope of each request needs it (ADR 15): a replica of the
-- organisation's events on loop.goals (units and their managers, teams and their units, members and
-- their roles), kept by the services that do not own the organisation. goal-service reads its own
-- organisation read models instead and leaves these tables empty.
create table org_unit (
    unit_id    uuid primary key,
    manager_id uuid not null
);

create table org_team (
    team_id uuid primary key,
    unit_id uuid not null
);

create table org_member (
    team_id   uuid not null,
    member_id uuid not null,
    role      text not null check (role in ('member', 'team-lead')),
    primary key (team_id, member_id)
);

create index org_member_by_member on org_member (member_id);
create index org_team_by_unit on org_team (unit_id);
