package org.learningloop.contracts.activity;

import java.util.List;

/**
 * The activity frames of a pedagogical design: time, place, participants and roles, materials.
 *
 * @param durationMinutes how long the activity takes
 * @param participants    who takes part, by role (e.g. "union representative", "two recruiters")
 */
public record Frames(Integer durationMinutes, String place, List<String> participants, List<String> materials) {
}
