package org.learningloop.goal.scoreboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A team's lead measure on the scoreboard (written by {@link ScoreboardProjection}, read here). */
@Entity
@Table(name = "scoreboard_lead_measure")
public class ScoreboardLeadMeasure extends PanacheEntityBase {

    public static final String ACTIVE = "active";

    @Id
    @Column(name = "lead_measure_id")
    public UUID leadMeasureId;
    @Column(name = "wig_id")
    public UUID wigId;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    public String name;
    @Column(name = "activity_type")
    public String activityType;
    @Column(name = "weekly_target")
    public int weeklyTarget;
    public String status;
    public Instant since;
}
