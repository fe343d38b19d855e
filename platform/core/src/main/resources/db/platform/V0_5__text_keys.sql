-- Keys of sealed free text (ADR 18): one per event that holds free text, its id the event's id. Deleting a key
-- erases its texts in every copy: event store, topics, read models, exports. Every service keeps the keys of every
-- service (from loop.keys), wrapped under the organisation's text key.
create table text_key (
    key_id     uuid primary key,
    wrapped    text        not null,
    origin     text        not null,
    team_id    uuid,
    -- the persons the texts concern: the author (the event's actor) and the members the event names
    concerns   uuid[]      not null,
    created_at timestamptz not null
);
create index text_key_concerns on text_key using gin (concerns);
create index text_key_created_at on text_key (created_at);

-- keys and deletions (tombstones) waiting to be published on loop.keys, in order
create table text_key_outbox (
    id        bigserial primary key,
    key_id    uuid    not null,
    tombstone boolean not null
);

-- persons whose texts were erased: a key that concerns one of them and arrives late is not kept
create table text_key_erased (
    member_id uuid primary key,
    erased_at timestamptz not null
);
