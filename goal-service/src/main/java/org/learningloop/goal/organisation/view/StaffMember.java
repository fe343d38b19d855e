package org.learningloop.goal.organisation.view;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A staff member's display name: personal data that never goes into an event, kept in this one
 * table so that it can be erased. Written by {@link OrganisationProjection}, read here.
 */
@Entity
@Table(name = "staff_member")
public class StaffMember extends PanacheEntityBase {

    @Id
    @Column(name = "member_id")
    public UUID memberId;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
