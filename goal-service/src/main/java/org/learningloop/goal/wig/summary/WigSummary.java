package org.learningloop.goal.wig.summary;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of the WIG list read model (written by {@link WigSummaryListing}, read here). */
@Entity
@Table(name = "wig_summary")
public class WigSummary extends PanacheEntityBase {

    @Id
    @Column(name = "wig_id")
    public UUID wigId;
    public String title;
    @Column(name = "team_id")
    public UUID teamId;
    @Column(name = "unit_id")
    public UUID unitId;
    @Column(name = "parent_wig_id")
    public UUID parentWigId;
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
    @Column(name = "current_period")
    public String currentPeriod;
    @Column(name = "current_value")
    public BigDecimal currentValue;
    @Column(name = "readings_recorded")
    public int readingsRecorded;
    @Column(name = "defined_at")
    public Instant definedAt;
    public String status;
    public long version;
}
