package org.learningloop.goal.organisation.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A row of the team list read model (written by {@link OrganisationProjection}, read here). */
@Entity
@Table(name = "team_view")
public class TeamView extends PanacheEntityBase {

    @Id
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    public String name;
    @Column(name = "member_count")
    public int memberCount;
    @Column(name = "created_at")
    public Instant createdAt;
    public long version;
}
