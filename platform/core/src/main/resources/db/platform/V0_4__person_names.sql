-- The members of the organisation as keyed fingerprints of their display names (issue 12, docs/privacy.md): what
-- every service needs to refuse a free text that names one of them (422 names-a-person), without holding the names.
-- goal-service writes a member's row when they join with a name; the others keep it from goal.member-joined.
create table person_name (
    member_id   uuid        primary key,
    fingerprint text        not null,
    words       integer     not null check (words between 1 and 6),
    updated_at  timestamptz not null
);

create index person_name_by_fingerprint on person_name (fingerprint);
