package org.learningloop.goal.leadmeasure;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.Bounds;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.goal.Criterion;
import org.learningloop.contracts.goal.LeadMeasureChecklist;
import org.learningloop.goal.leadmeasure.LeadMeasureState.DefinedLeadMeasure;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the lead-measure API. */
public final class LeadMeasureApi {

    static final String ACTIVITY_TYPE = Bounds.KEY;

    private LeadMeasureApi() {
    }

    @Schema(description = "A lead measure proposed for a team WIG: a hypothesis of which activity moves the lag measure")
    public record ProposeLeadMeasureRequest(
            @NotNull @Schema(description = "The team WIG it is for") UUID wigId,
            @NotBlank @Size(max = 200) @Schema(example = "Workplace visits") String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = ACTIVITY_TYPE, message = "must be a key such as workplace-visit")
            @Schema(example = "workplace-visit", description = "The activity type whose activities it counts") String activityType,
            @NotNull @Min(1) @Max(1000) @Schema(example = "5") Integer weeklyTarget,
            @NotBlank @Size(max = 2000) @Schema(example = "Five visits a week bring ten net new members a month")
            String hypothesis,
            @NotNull @Valid ChecklistBody checklist) {
    }

    @Schema(description = "The lead-measure tool's answers; only a predictive and influenceable lead measure can be activated")
    public record ChecklistBody(@NotNull @Valid CriterionBody predictive, @NotNull @Valid CriterionBody influenceable,
                                @NotNull @Valid CriterionBody measurable, @NotNull @Valid CriterionBody teamOwned,
                                @NotNull @Valid CriterionBody ongoing) {

        LeadMeasureChecklist toChecklist() {
            return new LeadMeasureChecklist(predictive.toCriterion(), influenceable.toCriterion(),
                    measurable.toCriterion(), teamOwned.toCriterion(), ongoing.toCriterion());
        }

        static ChecklistBody of(LeadMeasureChecklist checklist) {
            return new ChecklistBody(CriterionBody.of(checklist.predictive()), CriterionBody.of(checklist.influenceable()),
                    CriterionBody.of(checklist.measurable()), CriterionBody.of(checklist.teamOwned()),
                    CriterionBody.of(checklist.ongoing()));
        }
    }

    @Schema(description = "One question of the lead-measure tool, answered yes or no")
    public record CriterionBody(@NotNull Boolean met,
                                @Size(max = 500) @Schema(example = "More visits have meant more members before")
                                String justification) {

        Criterion toCriterion() {
            return new Criterion(met, Text.stripToNull(justification));
        }

        static CriterionBody of(Criterion criterion) {
            return new CriterionBody(criterion.met(), criterion.justification());
        }
    }

    @Schema(description = "Why the lead measure is retired")
    public record RetireLeadMeasureRequest(
            @NotBlank @Size(max = 500) @Schema(example = "The team chose another activity") String reason) {
    }

    @Schema(description = "Retire this (active) lead measure and activate a proposed one of the same WIG in its place. A "
            + "workplace meeting's agreement to replace it is applied from its agreement-made event, never named here")
    public record ReplaceLeadMeasureRequest(
            @NotNull @Schema(description = "A proposed lead measure of the same WIG that passes the activation rule")
            UUID replacementId,
            @NotBlank @Size(max = 500) @Schema(example = "Visits are carried out well and the lag measure does not move")
            String reason,
            @Size(max = 500) @Schema(description = "Where the evidence is recorded", example = "workplace-meeting:3c3d…")
            String evidenceRef) {
    }

    @Schema(description = "The manual count of the lead measure's activities in one ISO week; a second count for a "
            + "week corrects the first")
    public record LeadReadingRequest(
            @NotBlank @Schema(example = "2026-W48", description = "An ISO week that has begun") String week,
            @NotNull @Min(0) @Max(10000) @Schema(example = "4") Integer count) {
    }

    @Schema(description = "Since when the lead measure counts its activities; the whole body is optional")
    public record ActivateLeadMeasureRequest(
            @Schema(description = "Since when the team has been acting on it: activities carried out from this instant "
                    + "on count. Not after now, at most two years back (from the start of that day in the "
                    + "organisation's time zone). Absent: now.", example = "2026-11-02T07:00:00Z")
            Instant activeFrom) {
    }

    @Schema(description = "How the lead measure became active")
    public record ActivationView(UUID replaces, String reason, UUID agreementId, String evidenceRef,
                                 @Schema(description = "The instant from which its activities count (for "
                                         + "activations recorded before it was kept: when it was activated)")
                                 Instant activeFrom) {
    }

    @Schema(description = "Why the lead measure was retired, and by which one it was replaced")
    public record RetirementView(String reason, UUID replacedBy, UUID agreementId, String evidenceRef) {
    }

    public record WeekCount(String week, int count) {
    }

    @Schema(description = "A lead measure as it stands; version is also the ETag")
    public record LeadMeasureView(UUID id, UUID wigId, UUID teamId, UUID unitId, String name, String activityType,
                                  int weeklyTarget, String hypothesis,
                                  @Schema(enumeration = {"proposed", "active", "retired"}) String status,
                                  ChecklistBody checklist, UUID replaces, UUID replacedBy, ActivationView activation,
                                  RetirementView retirement,
                                  @Schema(description = "Manual counts per ISO week, in week order") List<WeekCount> readings,
                                  long version) {

        static LeadMeasureView of(DefinedLeadMeasure measure, long version) {
            var activation = measure.activation();
            var retirement = measure.retirement();
            return new LeadMeasureView(measure.leadMeasureId(), measure.wigId(), measure.teamId(), measure.unitId(),
                    measure.name(), measure.activityType(), measure.weeklyTarget(), measure.hypothesis(),
                    LeadMeasureApi.status(measure.status()), ChecklistBody.of(measure.checklist()), measure.replaces(),
                    measure.replacedBy(),
                    activation == null ? null : new ActivationView(activation.replaces(), activation.reason(),
                            activation.agreementId(), activation.evidenceRef(), activation.activeFrom()),
                    retirement == null ? null : new RetirementView(retirement.reason(), retirement.replacedBy(),
                            retirement.agreementId(), retirement.evidenceRef()),
                    measure.readings().entrySet().stream().map(e -> new WeekCount(e.getKey(), e.getValue())).toList(),
                    version);
        }
    }

    @Schema(description = "The outcome of a replacement: the retired lead measure and its activated replacement")
    public record ReplacementView(LeadMeasureView retired, LeadMeasureView activated) {
    }

    /** A status as the API spells it. */
    static String status(DefinedLeadMeasure.Status status) {
        return status.name().toLowerCase();
    }
}
