package org.learningloop.learning.learnings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.contracts.learning.LearningRecorded;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The requests and representations of learnings and learning candidates. */
public final class LearningApi {

    private LearningApi() {
    }

    @Schema(description = "A learning: an insight with evidence, the design element it concerns and tags")
    public record RecordLearningRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "A quiet room lets the intention get through") String insight,
            @Schema(enumeration = {"intention", "frames", "content"}) String element,
            @Size(max = 20) @Schema(description = "before, during, after, intention, frames, content, presence, focus, flexibility")
            List<@NotNull String> tags,
            @Size(max = 200) @Schema(description = "The activities it rests on") List<@NotNull UUID> activityIds,
            @Schema(description = "The team's unit, when known") UUID unitId,
            @Schema(description = "The open learning candidate this learning confirms") UUID fromCandidateId) {

        public List<String> tagsOrEmpty() {
            return tags == null ? List.of() : tags.stream().map(String::strip).distinct().toList();
        }

        public List<UUID> activityIdsOrEmpty() {
            return activityIds == null ? List.of() : activityIds.stream().distinct().toList();
        }
    }

    public record DismissRequest(@NotBlank @Size(max = 500) @Schema(example = "The room cannot be changed") String reason) {
    }

    public record MergeRequest(@NotNull @Schema(description = "The team's learning the candidate adds evidence to",
            example = "6d1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b") UUID learningId) {
    }

    @Schema(description = "A recorded learning")
    public record LearningView(UUID id, UUID teamId, UUID unitId, String insight, String element, List<String> tags,
                               List<UUID> activityIds, UUID fromCandidateId, long version) {

        static LearningView of(LearningRecorded recorded, long version) {
            return new LearningView(recorded.learningId(), recorded.teamId(), recorded.unitId(), recorded.insight(),
                    recorded.element(), recorded.tags(), recorded.activityIds(), recorded.fromCandidateId(), version);
        }
    }

    @Schema(description = "A learning in a team's list")
    public record LearningSummary(UUID id, UUID teamId, UUID unitId, String insight, String element, List<String> tags,
                                  List<UUID> activityIds, UUID fromCandidateId, Instant recordedAt, long version) {
    }

    @Schema(description = "An improvement proposal of an evaluated activity, for the team to confirm as a learning or dismiss")
    public record CandidateView(UUID id, UUID teamId, UUID unitId, UUID activityId, UUID designId, String element,
                                String proposal, @Schema(enumeration = {"open", "confirmed", "dismissed"}) String status,
                                UUID learningId, String dismissalReason, Instant proposedAt, Instant resolvedAt,
                                @Schema(description = "0 while open, 1 once confirmed or dismissed; also the ETag that "
                                        + "dismiss and merge take as If-Match") long version) {

        /** The version of a candidate in {@code status}: it changes once, when it is resolved. */
        static long versionOf(String status) {
            return "open".equals(status) ? 0 : 1;
        }
    }
}
