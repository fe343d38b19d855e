package org.learningloop.goal.scoreboard;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A lead measure's actuals in one ISO week (written by {@link ScoreboardProjection}, read here). */
@Entity
@Table(name = "scoreboard_lead_week")
@IdClass(ScoreboardLeadWeek.Key.class)
public class ScoreboardLeadWeek extends PanacheEntityBase {

    @Id
    @Column(name = "lead_measure_id")
    public UUID leadMeasureId;
    @Id
    public String week;
    /** Activities carried out, counted from activity-service's events. */
    public int automatic;
    /** The latest manual count recorded for the week. */
    public int manual;

    /** The row's identity: lead measure and week. */
    public record Key(UUID leadMeasureId, String week) implements Serializable {
    }
}
