package org.learningloop.learning.meetings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.Bounds;
import org.learningloop.learning.learnings.LearningApi.CandidateView;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The requests and representations of weekly WIG meetings. */
public final class WigMeetingApi {

    /** An ISO week such as 2026-W48. */
    public static final String WEEK = Bounds.WEEK;

    private WigMeetingApi() {
    }

    public record OpenWigMeetingRequest(@NotNull @Pattern(regexp = WEEK, message = "must be an ISO week such as 2026-W48")
                                        @Schema(example = "2026-W48") String week) {
    }

    public record RecordWigMeetingRequest(
            @Size(max = 100) List<@NotNull @Valid AccountabilityBody> accountability,
            @Size(max = 100) List<@NotNull @Valid CommitmentBody> commitments,
            @Size(max = 100) List<@NotNull UUID> learningIds) {

        public List<AccountabilityBody> accountabilityOrEmpty() {
            return accountability == null ? List.of() : accountability;
        }

        public List<CommitmentBody> commitmentsOrEmpty() {
            return commitments == null ? List.of() : commitments;
        }

        public List<UUID> learningIdsOrEmpty() {
            return learningIds == null ? List.of() : learningIds;
        }
    }

    @Schema(description = "Whether an open commitment was kept")
    public record AccountabilityBody(@NotNull @Schema(example = "6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b") UUID commitmentId,
                                     @NotNull @Schema(example = "true") Boolean kept,
                                     @Size(max = 1000) @Schema(example = "Visited both sites") String note) {
    }

    @Schema(description = "A new commitment: who does what by which week, for which lead measure")
    public record CommitmentBody(@NotNull @Schema(example = "0b8e7d6c-5a4f-4e3d-9c2b-1a0f9e8d7c6b") UUID memberId,
                                 @NotBlank @Size(max = 500) @Schema(example = "Visit the warehouse on Tuesday") String what,
                                 UUID leadMeasureId,
                                 @NotNull @Pattern(regexp = WEEK, message = "must be an ISO week such as 2026-W49")
                                 @Schema(example = "2026-W49") String dueWeek) {
    }

    @Schema(description = "A commitment made at a WIG meeting")
    public record CommitmentView(UUID id, UUID memberId, String what, UUID leadMeasureId, String dueWeek, String madeWeek,
                                 @Schema(enumeration = {"open", "kept", "not-kept"}) String status, String note) {
    }

    @Schema(description = "What a WIG meeting recorded")
    public record MeetingRecord(List<AccountabilityView> accountability, List<CommitmentView> commitments,
                         List<UUID> learningIds) {
    }

    public record AccountabilityView(UUID commitmentId, boolean kept, String note) {
    }

    @Schema(description = "A weekly WIG meeting: its agenda (scoreboard, commitments to account for, learning "
            + "candidates) and, once recorded, what it recorded")
    public record WigMeetingView(UUID id, UUID teamId, String week, @Schema(enumeration = {"open", "held"}) String status,
                                 Scoreboard scoreboard, List<CommitmentView> commitmentsToAccountFor,
                                 List<CandidateView> learningCandidates, MeetingRecord record, long version) {
    }

    @Schema(description = "The team's scoreboard for the meeting's week, from goal-service's events as they stand now")
    public record Scoreboard(List<WigScore> wigs, List<LeadScore> leadMeasures) {
    }

    @Schema(description = "An active WIG: its latest lag reading (of a period not after the meeting's week) vs target")
    public record WigScore(UUID wigId, String title, String metric, BigDecimal from, BigDecimal to, LocalDate deadline,
                           String latestPeriod, BigDecimal latestValue,
                           @Schema(enumeration = {"winning", "at-risk", "losing", "no-data"}) String status) {
    }

    @Schema(description = "An active lead measure: the meeting week's and the week before's actual (activities carried "
            + "out with it + manual readings) vs its weekly target")
    public record LeadScore(UUID leadMeasureId, UUID wigId, String name, String activityType, int weeklyTarget,
                            String week, int actual, String lastWeek, int lastWeekActual,
                            @Schema(enumeration = {"winning", "at-risk", "losing"}) String status) {
    }
}
