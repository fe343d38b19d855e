package org.learningloop.goal.wig;

import org.learningloop.contracts.goal.LagMeasure;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/** A WIG's lifecycle: not yet set, or set with its readings. */
public sealed interface WigState {

    /** No WIG in this stream yet. */
    record NoWig() implements WigState {
    }

    /**
     * A WIG that has been set.
     *
     * @param readings each period's current value, in period order
     */
    record DefinedWig(UUID wigId, UUID teamId, UUID unitId, UUID parentWigId, String title, LagMeasure lagMeasure,
                      SortedMap<String, BigDecimal> readings, Status status) implements WigState {

        /** Where the WIG is in its life: only an active one takes readings and revisions. */
        public enum Status { ACTIVE, ACHIEVED, ABANDONED }

        public DefinedWig {
            readings = Collections.unmodifiableSortedMap(new TreeMap<>(readings));
        }

        DefinedWig withReading(String period, BigDecimal value) {
            SortedMap<String, BigDecimal> next = new TreeMap<>(readings);
            next.put(period, value);
            return new DefinedWig(wigId, teamId, unitId, parentWigId, title, lagMeasure, next, status);
        }

        DefinedWig revised(String newTitle, LagMeasure newMeasure) {
            return new DefinedWig(wigId, teamId, unitId, parentWigId, newTitle, newMeasure, readings, status);
        }

        DefinedWig withStatus(Status newStatus) {
            return new DefinedWig(wigId, teamId, unitId, parentWigId, title, lagMeasure, readings, newStatus);
        }

        public boolean isActive() {
            return status == Status.ACTIVE;
        }

        /** The value of the latest period read, or {@code null} before the first reading. */
        public BigDecimal currentValue() {
            return readings.isEmpty() ? null : readings.get(readings.lastKey());
        }

        /** The latest period read, or {@code null}. */
        public String currentPeriod() {
            return readings.isEmpty() ? null : readings.lastKey();
        }
    }
}
