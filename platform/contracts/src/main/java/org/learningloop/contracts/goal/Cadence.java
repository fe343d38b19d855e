package org.learningloop.contracts.goal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How often a lag measure is read: its readings are per ISO week ({@code 2026-W48}) or per month ({@code 2026-11}). */
public enum Cadence {
    @JsonProperty("week") WEEK,
    @JsonProperty("month") MONTH
}
