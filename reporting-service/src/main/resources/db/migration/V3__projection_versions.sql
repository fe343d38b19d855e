-- The version of the projection's code a generation was built by (Projection.version()): a service that starts with
-- a newer version upgrades the older generations' tables so they take the new events (Projection.upgrade), and
-- rebuilds the projection from offset 0; the old live generation serves until the new one has caught up.
alter table projection_generation add column version int not null default 1;
