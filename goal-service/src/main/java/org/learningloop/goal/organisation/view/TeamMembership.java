package org.learningloop.goal.organisation.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One stay of a member in a team, from joining to leaving ({@code leftAt} null while it lasts);
 * joining again starts a new row. Written by {@link OrganisationProjection}, read here.
 */
@Entity
@Table(name = "team_membership")
public class TeamMembership extends PanacheEntityBase {

    @Id
    public Long id;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "member_id")
    public UUID memberId;
    /** {@code member} or {@code team-lead}, as in the events. */
    public String role;
    @Column(name = "joined_at")
    public Instant joinedAt;
    @Column(name = "left_at")
    public Instant leftAt;
}
