-- Learning candidates: one row per improvement proposal of an evaluated activity (from loop.activities),
-- confirmed or dismissed in the transaction of the command that does it.
create table learning_candidate (
    candidate_id     uuid        primary key,
    team_id          uuid        not null,
    unit_id          uuid,
    activity_id      uuid        not null,
    position         integer     not null,
    design_id        uuid,
    element          text        not null,
    proposal         text        not null,
    status           text        not null check (status in ('open', 'confirmed', 'dismissed')),
    learning_id      uuid,
    dismissal_reason text,
    proposed_at      timestamptz not null,
    resolved_at      timestamptz
);

create index learning_candidate_by_team on learning_candidate (team_id, proposed_at, activity_id, position);

-- Behind GET /teams/{teamId}/learnings: written in the transaction that records the learning.
create table learning_view (
    learning_id       uuid        primary key,
    team_id           uuid        not null,
    unit_id           uuid,
    insight           text        not null,
    element           text,
    tags              text[]      not null,
    activity_ids      uuid[]      not null,
    from_candidate_id uuid,
    recorded_at       timestamptz not null,
    version           bigint      not null
);

create index learning_view_by_team on learning_view (team_id, recorded_at, learning_id);

-- Commitments made at WIG meetings; open until a later meeting accounts for them (kept or not kept).
create table wig_commitment (
    commitment_id   uuid        primary key,
    team_id         uuid        not null,
    made_in         uuid        not null,
    made_week       text        not null,
    position        integer     not null,
    member_id       uuid        not null,
    what            text        not null,
    lead_measure_id uuid,
    due_week        text        not null,
    status          text        not null check (status in ('open', 'kept', 'not-kept')),
    accounted_in    uuid,
    note            text
);

create index wig_commitment_by_team on wig_commitment (team_id, status, made_week);
