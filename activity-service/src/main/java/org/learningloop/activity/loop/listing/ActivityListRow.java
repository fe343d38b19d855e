package org.learningloop.activity.loop.listing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the team activity list read model (written by {@link ActivityListing} with each command, read here). */
@Entity
@Table(name = "activity_view")
public class ActivityListRow extends PanacheEntityBase {

    @Id
    @Column(name = "activity_id")
    public UUID activityId;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    @Column(name = "lead_measure_id")
    public UUID leadMeasureId;
    @Column(name = "activity_type")
    public String activityType;
    @Column(name = "design_id")
    public UUID designId;
    @Column(name = "design_version")
    public int designVersion;
    public String segment;
    @Column(name = "scheduled_at")
    public Instant scheduledAt;
    @Column(name = "carried_out_at")
    public Instant carriedOutAt;
    public String status;
    @Column(name = "feedback_count")
    public int feedbackCount;
    @Column(name = "updated_at")
    public Instant updatedAt;
    public long version;
}
