package org.learningloop.activity.design;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.learningloop.activity.catalog.CatalogApi;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.activity.design.DesignState.DesignVersion;
import org.learningloop.contracts.Text;
import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The JSON shapes of the design API. */
public final class DesignApi {

    /** Optional text that, when given, has more than white space. */
    static final String NOT_BLANK = org.learningloop.contracts.Bounds.NOT_BLANK;

    private DesignApi() {
    }

    @Schema(description = "Activity frames: time, place, participants and their roles, materials")
    public record FramesBody(
            @NotNull @Min(1) @Max(1440) @Schema(example = "45") Integer durationMinutes,
            @NotBlank @Size(max = 500) @Schema(example = "The staff room at lunch") String place,
            @NotNull @Size(max = 50) @Schema(example = "[\"union representative\", \"two recruiters\"]")
            List<@NotBlank @Size(max = 200) String> participants,
            @NotNull @Size(max = 50) @Schema(example = "[\"leaflets\", \"coffee\"]")
            List<@NotBlank @Size(max = 200) String> materials) {

        Frames toFrames() {
            return new Frames(durationMinutes, place.strip(), strip(participants), strip(materials));
        }

        static FramesBody of(Frames frames) {
            return frames == null ? null
                    : new FramesBody(frames.durationMinutes(), frames.place(), frames.participants(), frames.materials());
        }
    }

    @Schema(description = "Content: ordered steps and talking points")
    public record ContentBody(
            @NotEmpty @Size(max = 100) @Schema(example = "[\"Introduce the union\", \"Ask about the workload\"]")
            List<@NotBlank @Size(max = 1000) String> steps,
            @NotNull @Size(max = 100) @Schema(example = "[\"Insurance\", \"Wages\"]")
            List<@NotBlank @Size(max = 1000) String> talkingPoints) {

        Content toContent() {
            return new Content(strip(steps), strip(talkingPoints));
        }

        static ContentBody of(Content content) {
            return content == null ? null : new ContentBody(content.steps(), content.talkingPoints());
        }
    }

    @Schema(description = "A new pedagogical design (version 1) for a unit, owned by a team")
    public record CreateDesignRequest(
            @NotNull UUID unitId,
            @NotNull UUID teamId,
            @NotBlank @Size(max = 200) @Schema(example = "Lunch-room visit") String name,
            @NotBlank @Size(max = 100) @Pattern(regexp = CatalogApi.KEY, message = CatalogApi.KEY_MESSAGE)
            @Schema(example = "workplace-visit", description = "An existing activity type") String activityType,
            @Schema(description = "The lead measure the design serves") UUID leadMeasureId,
            @NotEmpty @Size(max = 20) @Schema(example = "[\"call-centre\"]", description = "Existing segments")
            List<@NotNull @Pattern(regexp = CatalogApi.KEY, message = CatalogApi.KEY_MESSAGE) String> segments,
            @NotBlank @Size(max = 2000) @Schema(example = "Everyone knows what the union does for them") String intention,
            @NotNull @Valid FramesBody frames,
            @NotNull @Valid ContentBody content,
            @NotBlank @Size(max = 2000) @Schema(example = "Meeting people where they eat lowers the threshold")
            String hypothesis) {
    }

    @Schema(description = "A new version: the elements given replace the current ones, the others stay. A workplace "
            + "meeting's agreement is applied from its agreement-made event, never named by a client")
    public record ReviseDesignRequest(
            @Size(max = 2000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String intention,
            @Valid FramesBody frames,
            @Valid ContentBody content,
            @Size(max = 2000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String hypothesis,
            @NotBlank @Size(max = 2000) @Schema(example = "Lunch is too short; the visit needs a second slot") String rationale) {
    }

    @Schema(description = "A new design (version 1) from a version of this one, for other segments")
    public record ForkDesignRequest(
            @NotEmpty @Size(max = 20) @Schema(example = "[\"small-6-30\"]")
            List<@NotNull @Pattern(regexp = CatalogApi.KEY, message = CatalogApi.KEY_MESSAGE) String> segments,
            @Size(max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            @Schema(description = "Default: this design's name") String name,
            @Size(max = 2000) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String rationale,
            @Min(1) @Schema(description = "The version to fork; default the current one") Integer version) {
    }

    @Schema(description = "Why the design is retired")
    public record RetireDesignRequest(
            @NotBlank @Size(max = 2000) @Schema(example = "The fork for small workplaces replaces it") String reason) {
    }

    public record ForkedFromView(UUID designId, int version) {
    }

    public record RetirementView(String reason, UUID agreementId) {
    }

    @Schema(description = "A design at its current version; streamVersion is the ETag")
    public record DesignView(UUID id, UUID unitId, UUID teamId, String name, String activityType, UUID leadMeasureId,
                             List<String> segments, @Schema(enumeration = {"active", "retired"}) String status,
                             @Schema(description = "The current design version") int version,
                             String intention, FramesBody frames, ContentBody content, String hypothesis,
                             ForkedFromView forkedFrom, RetirementView retirement,
                             @Schema(description = "Agreements applied to this design") List<UUID> agreementIds,
                             @Schema(description = "The stream's version, also the ETag") long streamVersion) {

        static DesignView of(DefinedDesign design, long streamVersion) {
            DesignVersion current = design.current();
            return new DesignView(design.designId(), design.unitId(), design.teamId(), design.name(),
                    design.activityType(), design.leadMeasureId(), design.segments(), DesignApi.status(design), current.version(),
                    current.intention(), FramesBody.of(current.frames()), ContentBody.of(current.content()),
                    current.hypothesis(),
                    design.forkedFrom() == null ? null
                            : new ForkedFromView(design.forkedFrom().designId(), design.forkedFrom().version()),
                    design.retirement() == null ? null
                            : new RetirementView(design.retirement().reason(), design.retirement().agreementId()),
                    List.copyOf(design.agreementIds()), streamVersion);
        }
    }

    @Schema(description = "One version of a design, whole, with the elements it changed and why")
    public record DesignVersionView(UUID designId, int version, String intention, FramesBody frames,
                                    ContentBody content, String hypothesis, List<String> changed, String rationale,
                                    UUID agreementId) {

        static DesignVersionView of(UUID designId, DesignVersion version) {
            return new DesignVersionView(designId, version.version(), version.intention(),
                    FramesBody.of(version.frames()), ContentBody.of(version.content()), version.hypothesis(),
                    version.changed(), version.rationale(), version.agreementId());
        }
    }

    @Schema(description = "An element that differs between two versions")
    public record ElementChange(@Schema(enumeration = {"intention", "frames", "content", "hypothesis"}) String element,
                                Object before, Object after) {
    }

    @Schema(description = "Which elements differ between two versions of a design, with their values in each")
    public record DiffView(UUID designId, int from, int to, List<ElementChange> changes) {

        static DiffView of(UUID designId, DesignVersion from, DesignVersion to) {
            List<ElementChange> changes = new ArrayList<>();
            add(changes, "intention", from.intention(), to.intention());
            add(changes, "frames", FramesBody.of(from.frames()), FramesBody.of(to.frames()));
            add(changes, "content", ContentBody.of(from.content()), ContentBody.of(to.content()));
            add(changes, "hypothesis", from.hypothesis(), to.hypothesis());
            return new DiffView(designId, from.version(), to.version(), changes);
        }

        private static void add(List<ElementChange> changes, String element, Object before, Object after) {
            if (!Objects.equals(before, after)) {
                changes.add(new ElementChange(element, before, after));
            }
        }
    }

    static String status(DefinedDesign design) {
        return design.retired() ? "retired" : "active";
    }


    private static List<String> strip(List<String> texts) {
        return texts.stream().map(String::strip).toList();
    }
}
