package org.learningloop.contracts.goal;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A member's role in a WIG team. */
public enum TeamRole {
    @JsonProperty("member") MEMBER,
    @JsonProperty("team-lead") TEAM_LEAD
}
