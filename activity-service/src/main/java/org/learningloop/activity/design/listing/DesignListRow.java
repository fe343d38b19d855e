package org.learningloop.activity.design.listing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the design list read model (written by {@link DesignListing} with each command, read here). */
@Entity
@Table(name = "design_view")
public class DesignListRow extends PanacheEntityBase {

    @Id
    @Column(name = "design_id")
    public UUID designId;
    @Column(name = "unit_id")
    public UUID unitId;
    @Column(name = "team_id")
    public UUID teamId;
    public String name;
    @Column(name = "activity_type")
    public String activityType;
    @Column(name = "lead_measure_id")
    public UUID leadMeasureId;
    /** The segment keys as {@code ,a,b,}. */
    public String segments;
    public String status;
    @Column(name = "current_version")
    public int currentVersion;
    @Column(name = "forked_from_id")
    public UUID forkedFromId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "stream_version")
    public long streamVersion;
}
