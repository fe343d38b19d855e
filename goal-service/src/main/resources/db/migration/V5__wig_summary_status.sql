-- WIGs can be revised, achieved and abandoned (issue 3): the list shows where each one stands.
alter table wig_summary add column status text not null default 'active';
