-- Units known to the scoreboard from goal.unit-created.v1, so a unit without teams or WIGs yet has an (empty) scoreboard.
create table scoreboard_unit (
    unit_id uuid primary key,
    name    text not null
);
