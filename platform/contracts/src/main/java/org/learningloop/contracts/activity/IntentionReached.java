package org.learningloop.contracts.activity;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether the activity's intention got through. Wherever a share or rate of these answers is shown, {@code partly}
 * counts as half reached (yes 1, partly ½, no 0): the one rule, {@code IntentionReachedRate} in loop-rules.
 */
public enum IntentionReached {
    @JsonProperty("yes") YES,
    @JsonProperty("partly") PARTLY,
    @JsonProperty("no") NO
}
