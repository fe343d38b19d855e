package org.learningloop.contracts.goal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The result measure of a WIG: "from {@code from} to {@code to} {@code unit} by {@code deadline}",
 * read once per {@code cadence} period.
 *
 * @param metric    what is measured, e.g. {@code net-new-members}
 * @param unit      the unit of a value, e.g. {@code members/month}
 * @param startDate when the line from {@code from} to {@code to} starts
 */
public record LagMeasure(String metric, String unit, BigDecimal from, BigDecimal to,
                         LocalDate startDate, LocalDate deadline, Cadence cadence) {
}
