package org.learningloop.goal.scoreboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A team on the scoreboard (written by {@link ScoreboardProjection}, read here). */
@Entity
@Table(name = "scoreboard_team")
public class ScoreboardTeam extends PanacheEntityBase {

    @Id
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    public String name;
    public Instant since;
}
