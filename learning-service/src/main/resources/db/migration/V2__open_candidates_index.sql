-- A WIG meeting's agenda lists a team's open candidates: keep that a bounded index scan after years of history.
create index learning_candidate_open_by_team on learning_candidate (team_id, proposed_at, activity_id, position)
    where status = 'open';
