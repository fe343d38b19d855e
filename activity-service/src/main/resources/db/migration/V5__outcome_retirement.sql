-- An outcome can be retired (issue 14: reference data can be retired): activities carried out from then on may not
-- record it (400 undeclared-outcome), while the events and reports that name it stay readable. A retired outcome is
-- never removed and never declared again under the same name (the row stays; its name keeps its meaning).
alter table activity_type_outcome add column retired_at timestamptz;
