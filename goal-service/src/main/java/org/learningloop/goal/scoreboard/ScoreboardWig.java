package org.learningloop.goal.scoreboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A team's or unit's WIG on the scoreboard (written by {@link ScoreboardProjection}, read here). */
@Entity
@Table(name = "scoreboard_wig")
public class ScoreboardWig extends PanacheEntityBase {

    public static final String ACTIVE = "active";

    @Id
    @Column(name = "wig_id")
    public UUID wigId;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    public String title;
    public String metric;
    @Column(name = "lag_unit")
    public String lagUnit;
    @Column(name = "lag_from")
    public BigDecimal lagFrom;
    @Column(name = "lag_to")
    public BigDecimal lagTo;
    @Column(name = "start_date")
    public LocalDate startDate;
    public LocalDate deadline;
    public String cadence;
    public String status;
    @Column(name = "current_period")
    public String currentPeriod;
    @Column(name = "current_value")
    public BigDecimal currentValue;
    @Column(name = "defined_at")
    public Instant definedAt;
}
