package org.learningloop.learning.apt;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.Bounds;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;
import org.learningloop.contracts.learning.AgreementKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The requests and representations of monthly workplace meetings (APT), their digest and loop iterations. */
public final class WorkplaceMeetingApi {

    /** A month such as 2026-11. */
    public static final String MONTH = Bounds.MONTH;

    private WorkplaceMeetingApi() {
    }

    public record OpenWorkplaceMeetingRequest(@NotNull @Pattern(regexp = MONTH, message = "must be a month such as 2026-11")
                                              @Schema(example = "2026-11") String month) {
    }

    public record CoachingNoteRequest(@NotBlank @Size(max = 4000) @Schema(example = "Start with the members' own questions")
                                      String note,
                                      @Schema(description = "The team it is about, if one") UUID teamId,
                                      @Schema(description = "Who wrote it (staff id)") UUID authorId) {
    }

    @Schema(description = "An agreement about one design or lead measure. revise-design: designId and at least one "
            + "changed element (intention, frames, content, hypothesis); keep-design, retire-design: designId; "
            + "fork-design: designId and segment; replace-lead-measure: leadMeasureId and replacementLeadMeasureId; "
            + "keep-lead-measure: leadMeasureId. Always a rationale; evidence as learning and activity ids.")
    public record AgreementRequest(
            @NotNull @Schema(enumeration = {"revise-design", "keep-design", "fork-design", "retire-design",
                    "replace-lead-measure", "keep-lead-measure"}) AgreementKind kind,
            UUID designId, UUID leadMeasureId, UUID replacementLeadMeasureId, @Size(max = 200) String segment,
            @Schema(description = "The team it concerns; absent: unit-wide") UUID teamId,
            @NotBlank @Size(max = 4000) String rationale,
            @Size(max = 200) List<@NotNull UUID> learningIds, @Size(max = 500) List<@NotNull UUID> activityIds,
            @Size(max = 4000) String intention, Frames frames, Content content, @Size(max = 4000) String hypothesis) {
    }

    @Schema(description = "A coaching note")
    public record NoteView(UUID id, String note, UUID teamId, UUID authorId) {
    }

    @Schema(description = "An agreement of a workplace meeting")
    public record AgreementView(UUID id, String kind, UUID teamId, UUID designId, UUID leadMeasureId,
                                UUID replacementLeadMeasureId, String segment, String rationale, List<UUID> learningIds,
                                List<UUID> activityIds, String intention, Frames frames, Content content,
                                String hypothesis, String month, UUID workplaceMeetingId) {
    }

    @Schema(description = "A monthly workplace meeting (APT) with the digest of its unit's learning in its month, as the "
            + "read models stand now")
    public record WorkplaceMeetingView(UUID id, UUID unitId, String month,
                                       @Schema(enumeration = {"open", "closed"}) String status, List<UUID> teamIds,
                                       List<NoteView> coachingNotes, List<AgreementView> agreements, Digest digest,
                                       long version) {
    }

    @Schema(description = "A workplace meeting in a list")
    public record WorkplaceMeetingSummary(UUID id, UUID unitId, String month, String status) {
    }

    @Schema(description = "The learning of all the unit's teams in the month: activities by carriedOutAt in the "
            + "organisation's zone; weeks are the ISO weeks whose Thursday is in the month")
    public record Digest(UUID unitId, String month, List<UUID> teamIds, List<String> weeks, int activitiesCarriedOut,
                         List<DesignDigest> designs, List<LeadMeasureDigest> leadMeasures, List<LearningSummary> learnings) {
    }

    @Schema(description = "One design version in one segment. intentionReachedShare = (yes + ½·partly) / (yes + partly "
            + "+ no), null when none recorded: partly counts as half reached, as in reporting-service's intention-reached "
            + "rate (the one rule, IntentionReachedRate in loop-rules); shares, means and per-activity figures rounded "
            + "half-up to 2 decimals")
    public record DesignDigest(UUID designId, Integer designVersion, String segment, int activitiesCarriedOut,
                               List<UUID> activityIds, IntentionCounts intentionReached, BigDecimal intentionReachedShare,
                               int evaluated, Map<String, BigDecimal> meanQuality, Map<String, Integer> outcomeTotals,
                               Map<String, BigDecimal> outcomesPerActivity, List<AdaptationCount> adaptations,
                               List<FeedbackGroup> feedback, List<ProposalView> improvementProposals,
                               List<LearningSummary> learnings) {
    }

    public record IntentionCounts(int yes, int partly, int no, int notRecorded) {
    }

    public record AdaptationCount(String element, String what, int count) {
    }

    public record FeedbackGroup(String category, String element, int count, List<String> texts) {
    }

    public record ProposalView(UUID activityId, String element, String proposal) {
    }

    public record LearningSummary(UUID id, UUID teamId, String insight, String element, List<String> tags,
                                  List<UUID> activityIds) {
    }

    @Schema(description = "A lead measure of one of the unit's teams: each week's actual (activities carried out with "
            + "it that week + manual readings of the week) against its weekly target, and its WIG's lag trend")
    public record LeadMeasureDigest(UUID leadMeasureId, UUID teamId, UUID wigId, String name, String activityType,
                                    int weeklyTarget, String status, List<WeekActual> weeks, LagTrend lag) {
    }

    public record WeekActual(String week, int activities, int manual, int actual, int target, boolean met) {
    }

    public record LagTrend(UUID wigId, String title, String metric, BigDecimal from, BigDecimal to, LocalDate deadline,
                           String cadence, List<LagPoint> readings) {
    }

    public record LagPoint(String period, BigDecimal value) {
    }

    @Schema(description = "A team's loop iterations, oldest first; the last is the current one")
    public record LoopsView(UUID teamId, int currentIteration, List<IterationView> iterations) {
    }

    @Schema(description = "One loop iteration: months fromMonth..toMonth (fromMonth absent for iteration 1: since the "
            + "team's start; toMonth absent while it runs)")
    public record IterationView(int iteration, @Schema(enumeration = {"open", "closed"}) String status, String fromMonth,
                                String toMonth, UUID closedBy, List<DesignInUse> designs, int activitiesCarriedOut,
                                List<UUID> activityIds, Map<String, Integer> outcomes, List<LearningSummary> learnings,
                                List<CommitmentSummary> commitments, List<AgreementView> agreements) {
    }

    public record DesignInUse(UUID designId, Integer designVersion, String segment, int activities) {
    }

    public record CommitmentSummary(UUID id, String madeWeek, String what, UUID leadMeasureId, String dueWeek,
                                    String status) {
    }
}
