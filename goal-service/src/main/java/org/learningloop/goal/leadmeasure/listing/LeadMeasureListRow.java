package org.learningloop.goal.leadmeasure.listing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the lead-measure list read model (written by {@link LeadMeasureListing} with each command, read here). */
@Entity
@Table(name = "lead_measure_view")
public class LeadMeasureListRow extends PanacheEntityBase {

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
    @Column(name = "replaces_id")
    public UUID replacesId;
    @Column(name = "replaced_by_id")
    public UUID replacedById;
    @Column(name = "proposed_at")
    public Instant proposedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public long version;
}
