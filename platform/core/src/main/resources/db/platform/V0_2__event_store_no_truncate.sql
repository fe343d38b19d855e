-- TRUNCATE skips row triggers: refuse it on the event store as UPDATE and DELETE are refused (append-only).
create trigger event_store_no_truncate
    before truncate on event_store
    for each statement execute function event_store_refuse_change();
