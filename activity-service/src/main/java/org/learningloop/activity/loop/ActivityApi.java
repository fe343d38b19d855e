package org.learningloop.activity.loop;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.activity.loop.ActivityState.PlannedActivity;
import org.learningloop.contracts.Bounds;
import org.learningloop.contracts.activity.ActivityCarriedOut;
import org.learningloop.contracts.activity.ActivityEvaluated;
import org.learningloop.contracts.activity.ActivityPlanned;
import org.learningloop.contracts.activity.Adaptation;
import org.learningloop.contracts.activity.FeedbackItem;
import org.learningloop.contracts.activity.Filtering;
import org.learningloop.contracts.activity.ImprovementProposal;
import org.learningloop.contracts.activity.IntentionReached;
import org.learningloop.contracts.activity.QualityScores;
import org.learningloop.contracts.activity.Workplace;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON shapes of the activity API. */
public final class ActivityApi {

    static final String KEY = Bounds.KEY;
    static final String DESIGN_ELEMENT = "intention|frames|content";
    static final String FEEDBACK_ELEMENT = "intention|frames|content|presence|focus|flexibility";
    static final String OUTCOME = Bounds.OUTCOME;

    private ActivityApi() {
    }

    @Schema(description = "Plan an activity (before): the design it uses, where and when, who takes part, the "
            + "preparation and the activity's own hypothesis")
    public record PlanActivityRequest(
            @NotNull UUID teamId,
            @Schema(description = "Defaults to the design's unit; must be the design's unit") UUID unitId,
            @Schema(description = "The lead measure the activity counts towards; defaults to the design's") UUID leadMeasureId,
            @NotNull UUID designId,
            @Min(1) @Schema(description = "Defaults to the design's current version") Integer designVersion,
            @NotNull @Schema(example = "2026-12-01T09:00:00Z") Instant scheduledAt,
            @NotNull @Valid WorkplaceBody workplace,
            @NotEmpty @Size(max = 50) List<@NotNull UUID> participants,
            @NotBlank @Size(max = 4000) @Schema(example = "Booked the lunch room; printed leaflets") String preparation,
            @NotBlank @Size(max = 4000) @Schema(example = "Asking about the workplace first opens the conversation")
            String hypothesis) {
    }

    @Schema(description = "Where the activity takes place: a workplace reference (never a person's name), its segment "
            + "and its number of employees")
    public record WorkplaceBody(
            @NotBlank @Size(max = 100) @Schema(example = "WP-0042") String reference,
            @NotNull @Size(max = 100) @Pattern(regexp = KEY, message = "must be a key such as call-centre")
            @Schema(example = "call-centre") String segment,
            @NotNull @Min(0) @Max(10_000_000) @Schema(example = "120") Integer employees) {

        Workplace toWorkplace() {
            return new Workplace(reference.strip(), segment, employees);
        }
    }

    @Schema(description = "How the activity was carried out (during)")
    public record CarryOutRequest(
            @NotNull @Schema(example = "2026-11-26T09:30:00Z") Instant carriedOutAt,
            @NotNull @Min(1) @Max(5) @Schema(description = "Self-rated, 1 to 5") Integer presence,
            @NotNull @Min(1) @Max(5) @Schema(description = "Self-rated, 1 to 5") Integer focus,
            @NotNull @Schema(enumeration = {"yes", "partly", "no"}) IntentionReached intentionReached,
            @Size(max = 50) List<@NotNull @Valid AdaptationBody> adaptations,
            @Size(max = 50) @Schema(description = "Counts, never names, e.g. {\"membersRecruited\": 3}")
            Map<@NotNull @Pattern(regexp = OUTCOME, message = "outcome names are camelCase such as membersRecruited")
                    String, @NotNull @Min(0) @Max(1_000_000) Integer> outcomes) {
    }

    @Schema(description = "A change made on site when the intention was not getting through")
    public record AdaptationBody(
            @NotNull @Pattern(regexp = DESIGN_ELEMENT, message = "must be intention, frames or content") String element,
            @NotBlank @Size(max = 2000) String what,
            @NotBlank @Size(max = 2000) String why) {

        Adaptation toAdaptation() {
            return new Adaptation(element, what.strip(), why.strip());
        }
    }

    @Schema(description = "The evaluation after the activity: filtering, quality scores, improvement proposals")
    public record EvaluateRequest(
            @NotNull @Valid FilteringBody filtering,
            @NotNull @Valid QualityBody quality,
            @Size(max = 50) List<@NotNull @Valid ProposalBody> improvementProposals) {
    }

    @Schema(description = "What in the experience was signal for the intention, and what was noise")
    public record FilteringBody(@NotNull @Size(max = 50) @Schema(example = "[\"Questions about pay\"]")
                                List<@NotBlank @Size(max = 1000) String> signal,
                                @NotNull @Size(max = 50) @Schema(example = "[\"The coffee machine\"]")
                                List<@NotBlank @Size(max = 1000) String> noise) {

        Filtering toFiltering() {
            return new Filtering(signal.stream().map(String::strip).toList(), noise.stream().map(String::strip).toList());
        }
    }

    @Schema(description = "Quality scores, each 1 to 5")
    public record QualityBody(@NotNull @Min(1) @Max(5) @Schema(example = "4") Integer intention,
                              @NotNull @Min(1) @Max(5) @Schema(example = "3") Integer frames,
                              @NotNull @Min(1) @Max(5) @Schema(example = "4") Integer content,
                              @NotNull @Min(1) @Max(5) @Schema(example = "5") Integer presence,
                              @NotNull @Min(1) @Max(5) @Schema(example = "4") Integer focus,
                              @NotNull @Min(1) @Max(5) @Schema(example = "3") Integer flexibility) {

        QualityScores toScores() {
            return new QualityScores(intention, frames, content, presence, focus, flexibility);
        }
    }

    @Schema(description = "A proposed change to one element of the design")
    public record ProposalBody(
            @NotNull @Pattern(regexp = DESIGN_ELEMENT, message = "must be intention, frames or content")
            @Schema(example = "content") String element,
            @NotBlank @Size(max = 2000) @Schema(example = "Start with pay") String proposal) {

        ImprovementProposal toProposal() {
            return new ImprovementProposal(element, proposal.strip());
        }
    }

    @Schema(description = "Sorted feedback from a participant to themself or another participant")
    public record FeedbackRequest(@NotNull @Schema(example = "6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b") UUID fromMemberId,
                                  @NotNull @Schema(example = "0b8e7d6c-5a4f-4e3d-9c2b-1a0f9e8d7c6b") UUID toMemberId,
                                  @NotEmpty @Size(max = 50) List<@NotNull @Valid FeedbackItemBody> items) {
    }

    @Schema(description = "One feedback item, sorted by category and element")
    public record FeedbackItemBody(
            @NotNull @Pattern(regexp = "keep|improve|idea", message = "must be keep, improve or idea")
            @Schema(example = "keep") String category,
            @NotNull @Pattern(regexp = FEEDBACK_ELEMENT,
                    message = "must be intention, frames, content, presence, focus or flexibility")
            @Schema(example = "content") String element,
            @NotBlank @Size(max = 2000) @Schema(example = "Opening with pay got everyone talking") String text) {

        FeedbackItem toItem() {
            return new FeedbackItem(category, element, text.strip());
        }
    }

    @Schema(description = "Why the activity is cancelled")
    public record CancelRequest(@NotBlank @Size(max = 500) @Schema(example = "The workplace closed for the day")
                                String reason) {
    }

    @Schema(description = "Before: what was planned")
    public record PlanView(Instant scheduledAt, Workplace workplace, List<UUID> participants, String preparation,
                           String hypothesis) {
    }

    @Schema(description = "During: how it was carried out")
    public record CarryingOutView(Instant carriedOutAt, int presence, int focus,
                                  @Schema(enumeration = {"yes", "partly", "no"}) IntentionReached intentionReached,
                                  List<Adaptation> adaptations, Map<String, Integer> outcomes) {
    }

    @Schema(description = "After: the evaluation")
    public record EvaluationView(Filtering filtering, QualityScores quality, List<ImprovementProposal> improvementProposals) {
    }

    @Schema(description = "Sorted feedback given after the activity")
    public record FeedbackView(UUID fromMemberId, UUID toMemberId, List<FeedbackItem> items) {
    }

    @Schema(description = "Why the activity was cancelled")
    public record CancellationView(String reason) {
    }

    @Schema(description = "An activity with its whole loop; version is also the ETag")
    public record ActivityView(UUID id, UUID teamId, UUID unitId, UUID leadMeasureId, String activityType, UUID designId,
                               int designVersion,
                               @Schema(enumeration = {"planned", "carried-out", "evaluated", "cancelled"}) String status,
                               PlanView plan, CarryingOutView carryingOut, EvaluationView evaluation,
                               List<FeedbackView> feedback, CancellationView cancellation, long version) {

        static ActivityView of(PlannedActivity activity, long version) {
            ActivityPlanned plan = activity.plan();
            ActivityCarriedOut during = activity.carriedOut();
            ActivityEvaluated after = activity.evaluation();
            return new ActivityView(plan.activityId(), plan.teamId(), plan.unitId(), plan.leadMeasureId(),
                    plan.activityType(), plan.designId(), plan.designVersion(), ActivityApi.status(activity.status()),
                    new PlanView(plan.scheduledAt(), plan.workplace(), plan.participants(), plan.preparation(),
                            plan.hypothesis()),
                    during == null ? null : new CarryingOutView(during.carriedOutAt(), during.presence(), during.focus(),
                            during.intentionReached(), during.adaptations(), during.outcomes()),
                    after == null ? null : new EvaluationView(after.filtering(), after.quality(),
                            after.improvementProposals()),
                    activity.feedback().stream()
                            .map(given -> new FeedbackView(given.fromMemberId(), given.toMemberId(), given.items()))
                            .toList(),
                    activity.cancellation() == null ? null : new CancellationView(activity.cancellation().reason()),
                    version);
        }
    }

    /** A status as the API spells it. */
    static String status(PlannedActivity.Status status) {
        return status.name().toLowerCase().replace('_', '-');
    }
}
