package org.learningloop.activity.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.Bounds;
import org.learningloop.contracts.Text;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of the activity-type and segment API. */
public final class CatalogApi {

    /** A key: lower-case words of letters and digits joined by single hyphens. */
    public static final String KEY = Bounds.KEY;
    public static final String KEY_MESSAGE = "must be a key such as workplace-visit: lower-case letters, digits and single hyphens, starting with a letter";

    private CatalogApi() {
    }

    /** An outcome's name: camelCase, as it appears in the events and the reports. */
    public static final String OUTCOME = Bounds.OUTCOME;
    public static final String OUTCOME_MESSAGE = "must be a camelCase name such as membersRecruited";

    @Schema(description = "A new activity type: any recurring activity that runs through the learning loop")
    public record ActivityTypeRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = KEY, message = KEY_MESSAGE)
            @Schema(example = "competence-dialogue") String key,
            @NotBlank @Size(max = 200) @Schema(example = "Competence dialogue") String name,
            @Size(max = 2000) @Schema(example = "A dialogue about the competence the workplace needs") String description,
            @Size(max = 50) @Schema(description = "The counts an activity of this type records when carried out "
                    + "(more can be added later); none: it records none")
            List<@jakarta.validation.constraints.NotNull @jakarta.validation.Valid OutcomeRequest> outcomes) {
    }

    @Schema(description = "An outcome an activity type records: a count, never a name (issue 12)")
    public record OutcomeRequest(
            @NotBlank @Pattern(regexp = OUTCOME, message = OUTCOME_MESSAGE) @Schema(example = "membersRecruited") String name,
            @NotBlank @Size(max = 200) @Schema(example = "Members recruited") String label,
            @NotBlank @Size(max = 50) @Schema(example = "members") String unit) {

        Outcome toOutcome() {
            return new Outcome(name, label.strip(), unit.strip(), null);
        }
    }

    @Schema(description = "An outcome an activity type records: a non-negative count")
    public record Outcome(@Schema(example = "membersRecruited") String name,
                          @Schema(example = "Members recruited") String label,
                          @Schema(example = "members") String unit,
                          @Schema(description = "When it was retired: activities carried out since may not record it; "
                                  + "absent while in use") Instant retiredAt) {
    }

    @Schema(description = "An activity type")
    public record ActivityType(String key, String name, String description,
                               @Schema(description = "When it was retired: new designs cannot use it; absent while in use")
                               Instant retiredAt,
                               @Schema(description = "The outcomes an activity of this type records, in name "
                                       + "order; carrying out with any other, or a retired one, is refused (400)")
                               List<Outcome> outcomes) {

        static ActivityType of(ActivityTypeRow row, List<Outcome> outcomes) {
            return new ActivityType(row.key(), row.name(), row.description(), row.retiredAt(), List.copyOf(outcomes));
        }
    }

    @Schema(description = "A new segment: a kind of workplace that designs target")
    public record SegmentRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = KEY, message = KEY_MESSAGE)
            @Schema(example = "retail") String key,
            @NotBlank @Size(max = 200) @Schema(example = "Retail") String name,
            @Size(max = 2000) @Schema(example = "Shops and stores") String criteria) {
    }

    @Schema(description = "A segment (kind of workplace)")
    public record Segment(String key, String name, String criteria,
                          @Schema(description = "When it was retired: new designs and forks cannot target it; absent "
                                  + "while in use") Instant retiredAt) {
    }

}
