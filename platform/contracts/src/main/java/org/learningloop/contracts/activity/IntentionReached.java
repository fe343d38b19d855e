package org.learningloop.contracts.activity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the activity's intention got through. */
public enum IntentionReached {
    @JsonProperty("yes") YES,
    @JsonProperty("partly") PARTLY,
    @JsonProperty("no") NO
}
