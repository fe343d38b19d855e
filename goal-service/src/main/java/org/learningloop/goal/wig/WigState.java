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
                      SortedMap<String, BigDecimal> readings) implements WigState {

        public DefinedWig {
            readings = Collections.unmodifiableSortedMap(new TreeMap<>(readings));
        }

        DefinedWig withReading(String period, BigDecimal value) {
            SortedMap<String, BigDecimal> next = new TreeMap<>(readings);
            next.put(period, value);
            return new DefinedWig(wigId, teamId, unitId, parentWigId, title, lagMeasure, next);
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
