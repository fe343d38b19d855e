-- The one counting rule (ADR 21) needs each lead measure's active window: from the activation's activeFrom until
-- the retirement's time (null while not retired).
alter table lead_measure_view add column active_from timestamptz, add column active_until timestamptz;
create index activity_fact_by_team_type on activity_fact (team_id, activity_type, carried_out_at);

-- The rows here do not have them: the goals consumer starts again, as learning-service.goals.v2 (a new consumer group
-- and inbox name), from offset 0 of loop.goals. Its effects are upserts, so replaying over the rows here fills the
-- windows; the old consumer's inbox rows go.
delete from inbox where consumer = 'learning-service.goals';
