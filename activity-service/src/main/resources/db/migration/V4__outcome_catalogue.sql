-- The outcomes an activity type records (issue 12): counts, each declared by name for its type, so that an outcome's
-- name cannot carry personal data (a free key such as "annaSvenssonJoined" would record who joined the union).
-- Carrying out an activity with an outcome its type does not declare is refused (400). Org admins add outcomes.
create table activity_type_outcome (
    activity_type text        not null references activity_type (key),
    name          text        not null check (name ~ '^[a-z][a-zA-Z0-9]{0,49}$'),
    label         text        not null,
    unit          text        not null,
    created_at    timestamptz not null default now(),
    primary key (activity_type, name)
);

insert into activity_type_outcome (activity_type, name, label, unit) values
    ('workplace-visit', 'membersRecruited', 'Members recruited', 'members'),
    ('workplace-visit', 'contactsMade', 'Contacts made', 'contacts'),
    ('development-dialogue', 'actionsAgreed', 'Development actions agreed', 'actions'),
    ('safety-round', 'risksFound', 'Risks found', 'risks'),
    ('cooperation-meeting', 'issuesRaised', 'Issues raised', 'issues')
on conflict do nothing;

-- Outcomes already recorded for a type stay declared (label = name until an org admin says better), so activities
-- of existing types are carried out as before. Review them: docs/privacy.md says how to find one that names a person.
insert into activity_type_outcome (activity_type, name, label, unit)
select distinct planned.payload ->> 'activityType', outcome.name, outcome.name, 'count'
from event_store carried
join event_store planned on planned.stream_id = carried.stream_id and planned.event_type = 'activity.planned'
cross join lateral jsonb_object_keys(coalesce(carried.payload -> 'outcomes', '{}'::jsonb)) as outcome(name)
where carried.event_type = 'activity.carried-out'
  and planned.payload ->> 'activityType' in (select key from activity_type)
  and outcome.name ~ '^[a-z][a-zA-Z0-9]{0,49}$'
on conflict do nothing;
