-- The one counting rule (ADR 21): an activity naming an active lead measure counts toward that one only, so the
-- scoreboard keeps the lead measure each activity names.
alter table scoreboard_activity add column lead_measure_id uuid;

-- The activities stored before do not say which they name: the scoreboard's consumer starts again, as
-- goal-service.scoreboard.v2 (a new consumer group and inbox name), from offset 0 of loop.goals and loop.activities.
-- Every effect it applies is an upsert or an idempotent recount, so replaying over the rows here fills the new column
-- and recounts by the rule; the old consumer's inbox rows go.
delete from inbox where consumer = 'goal-service.scoreboard';
