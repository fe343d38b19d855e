package org.learningloop.contracts.learning;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a workplace meeting (APT) agreed about one design or lead measure. */
public enum AgreementKind {
    @JsonProperty("revise-design") REVISE_DESIGN,
    @JsonProperty("keep-design") KEEP_DESIGN,
    @JsonProperty("fork-design") FORK_DESIGN,
    @JsonProperty("retire-design") RETIRE_DESIGN,
    @JsonProperty("replace-lead-measure") REPLACE_LEAD_MEASURE,
    @JsonProperty("keep-lead-measure") KEEP_LEAD_MEASURE
}
