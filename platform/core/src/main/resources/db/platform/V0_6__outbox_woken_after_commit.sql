-- The relays are woken after an appending transaction has committed, by a NOTIFY of its own (OutboxWakeUp, ADR 26),
-- no longer by a trigger inside it: PostgreSQL serialises the commits of notifying transactions, WAL flush included,
-- which halved the appends a database takes per second.
drop trigger outbox_wakes_relay on outbox;
drop function outbox_notify();
