-- The platform's tables, shared by every service's own database (see docs/adr/0001 and 0002).

-- Append-only event store: one row per event, one stream per aggregate.
create table event_store (
    global_position bigint generated always as identity primary key,
    event_id        uuid        not null,
    stream_type     text        not null,
    stream_id       text        not null,
    stream_version  bigint      not null check (stream_version > 0),
    event_type      text        not null,
    type_version    integer     not null check (type_version > 0),
    team_id         uuid,
    unit_id         uuid,
    subject         text        not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null default clock_timestamp(),
    payload         jsonb       not null,
    metadata        jsonb       not null default '{}'::jsonb,
    constraint event_store_event_id_unique unique (event_id),
    constraint event_store_stream_version_unique unique (stream_id, stream_version)
);

create index event_store_team_position on event_store (team_id, global_position) where team_id is not null;
create index event_store_unit_position on event_store (unit_id, global_position) where unit_id is not null;

create function event_store_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'event_store is append-only: % refused', tg_op;
end
$$;

create trigger event_store_append_only
    before update or delete on event_store
    for each row execute function event_store_refuse_change();

-- Transactional outbox: a row per event still to publish, written in the appending transaction.
-- transaction_id lets the relay publish only what no running transaction can still precede.
create table outbox (
    global_position bigint primary key references event_store (global_position),
    transaction_id  xid8   not null default pg_current_xact_id()
);

create index outbox_publishing_order on outbox (transaction_id, global_position);

create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('loop_outbox', '');
    return null;
end
$$;

create trigger outbox_wakes_relay
    after insert on outbox
    for each statement execute function outbox_notify();

-- Consumer inbox: the events a consumer has applied, recorded in the same transaction as the effect.
create table inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default clock_timestamp(),
    primary key (consumer, event_id)
);
