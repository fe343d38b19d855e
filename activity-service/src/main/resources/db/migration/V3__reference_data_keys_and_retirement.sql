-- Reference-data keys follow the published contract's pattern (Bounds.KEY): lower-case kebab case starting with
-- a letter. Keys stored before that stay (not valid: they are only refused for new rows), and any type or segment
-- can be retired: it stays readable with everything that names it, but new designs and forks cannot use it.
alter table activity_type add constraint activity_type_key_starts_with_a_letter
    check (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$') not valid;
alter table segment add constraint segment_key_starts_with_a_letter
    check (key ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$') not valid;

alter table activity_type add column retired_at timestamptz;
alter table segment add column retired_at timestamptz;
