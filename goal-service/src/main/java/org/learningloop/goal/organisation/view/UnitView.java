package org.learningloop.goal.organisation.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the unit list read model (written by {@link OrganisationProjection}, read here). */
@Entity
@Table(name = "unit_view")
public class UnitView extends PanacheEntityBase {

    @Id
    @Column(name = "unit_id")
    public UUID unitId;
    public String name;
    @Column(name = "manager_id")
    public UUID managerId;
    @Column(name = "created_at")
    public Instant createdAt;
    public long version;
}
