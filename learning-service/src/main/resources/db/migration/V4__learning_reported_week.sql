-- The ISO week of the first (earliest-week) WIG meeting that reported each learning; null while none has.
-- A learning belongs to the loop iteration and APT digest of that week's month, else of its recorded_at.
-- Filled in the transaction that records the meeting; backfilled here from the meetings already held.
alter table learning_view add column reported_week text;

update learning_view lv set reported_week = reported.week
from (select reported_learning.id::uuid as learning_id, min(held.payload ->> 'week') as week
      from event_store held
      cross join lateral jsonb_array_elements_text(held.payload -> 'learningIds') as reported_learning(id)
      where held.event_type = 'learning.wig-meeting-held'
      group by reported_learning.id) reported
where lv.learning_id = reported.learning_id;
