package org.learningloop.activity.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A row of the activity-type reference table (written by {@link Catalog}, read here). */
@Entity
@Table(name = "activity_type")
public class ActivityTypeRow extends PanacheEntityBase {

    @Id
    public String key;
    public String name;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
}
