package org.learningloop.activity.design;

import org.learningloop.activity.design.DesignCommand.CreateDesign;
import org.learningloop.activity.design.DesignCommand.ForkDesign;
import org.learningloop.activity.design.DesignCommand.ReviseDesign;
import org.learningloop.activity.design.DesignCommand.RetireDesign;
import org.learningloop.activity.design.DesignState.DefinedDesign;
import org.learningloop.activity.design.DesignState.DesignVersion;
import org.learningloop.activity.design.DesignState.ForkedFrom;
import org.learningloop.activity.design.DesignState.NoDesign;
import org.learningloop.activity.design.DesignState.Retirement;
import org.learningloop.contracts.activity.DesignCreated;
import org.learningloop.contracts.activity.DesignEvent;
import org.learningloop.contracts.activity.DesignForked;
import org.learningloop.contracts.activity.DesignRetired;
import org.learningloop.contracts.activity.DesignRevised;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.Decider;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of a pedagogical design: created (or forked) as version 1; each revision that changes
 * something, or that an agreement not yet applied decides, is the next version; a retired design
 * takes no revision and no second retirement. An agreement already applied to the design changes
 * nothing when it comes again.
 */
public final class DesignDecider implements Decider<DesignCommand, DesignEvent, DesignState> {

    static final List<String> ELEMENTS = List.of("intention", "frames", "content", "hypothesis");

    @Override
    public DesignState initialState() {
        return new NoDesign();
    }

    @Override
    public List<DesignEvent> decide(DesignCommand command, DesignState state) {
        if (command instanceof CreateDesign create) {
            return create(create, state);
        }
        if (command instanceof ReviseDesign revise) {
            return revise(revise, state);
        }
        if (command instanceof ForkDesign fork) {
            return fork(fork, state);
        }
        if (command instanceof RetireDesign retire) {
            return retire(retire, state);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static List<DesignEvent> create(CreateDesign command, DesignState state) {
        if (state instanceof DefinedDesign) {
            throw CommandRejected.ruleViolated("design-exists", "Design " + command.designId() + " already exists");
        }
        List<FieldError> errors = new ArrayList<>();
        if (!command.activityTypeKnown()) {
            errors.add(new FieldError("activityType", "is no activity type: " + command.activityType()));
        }
        errors.addAll(segmentErrors(command.segments(), command.unknownSegments()));
        if (!errors.isEmpty()) {
            throw CommandRejected.unprocessable(command.activityTypeKnown() ? "unknown-segment" : "unknown-activity-type",
                    "The design names an activity type or segments that do not exist", errors.toArray(FieldError[]::new));
        }
        requireDistinct(command.segments());
        return List.of(new DesignCreated(command.designId(), command.unitId(), command.teamId(), command.name(),
                command.activityType(), command.leadMeasureId(), command.segments(), command.intention(),
                command.frames(), command.content(), command.hypothesis()));
    }

    private static List<DesignEvent> revise(ReviseDesign command, DesignState state) {
        DefinedDesign design = defined(command.designId(), state);
        DesignVersion current = design.current();
        String intention = changed(command.intention(), current.intention());
        var frames = changed(command.frames(), current.frames());
        var content = changed(command.content(), current.content());
        String hypothesis = changed(command.hypothesis(), current.hypothesis());
        boolean nothingChanged = intention == null && frames == null && content == null && hypothesis == null;
        boolean agreementApplied = command.agreementId() != null && design.agreementIds().contains(command.agreementId());
        if (nothingChanged && agreementApplied) {
            return List.of();
        }
        if (design.retired()) {
            throw retired(design);
        }
        if (nothingChanged && command.agreementId() == null) {
            return List.of();
        }
        return List.of(new DesignRevised(design.designId(), design.unitId(), design.teamId(), current.version() + 1,
                intention, frames, content, hypothesis, command.rationale(), command.agreementId()));
    }

    private static List<DesignEvent> fork(ForkDesign command, DesignState state) {
        if (state instanceof DefinedDesign) {
            throw CommandRejected.ruleViolated("design-exists", "Design " + command.designId() + " already exists");
        }
        if (!(command.source() instanceof DefinedDesign source)) {
            throw CommandRejected.notFound("design-not-found", "There is no design to fork");
        }
        DesignVersion version = command.version() == null ? source.current() : source.version(command.version());
        if (version == null) {
            throw CommandRejected.unprocessable("unknown-design-version",
                    "Design " + source.designId() + " has no version " + command.version(),
                    new FieldError("version", "must be a version of the design, 1 to " + source.versions().size()));
        }
        List<FieldError> errors = segmentErrors(command.segments(), command.unknownSegments());
        if (!errors.isEmpty()) {
            throw CommandRejected.unprocessable("unknown-segment", "The fork names segments that do not exist",
                    errors.toArray(FieldError[]::new));
        }
        requireDistinct(command.segments());
        if (new HashSet<>(command.segments()).equals(new HashSet<>(source.segments()))) {
            throw CommandRejected.unprocessable("fork-for-same-segments",
                    "A fork is for other segments; to change the design for its own segments, revise it",
                    new FieldError("segments", "must differ from the design's segments " + source.segments()));
        }
        return List.of(new DesignForked(command.designId(), source.unitId(), source.teamId(),
                command.name() != null ? command.name() : source.name(), source.activityType(), source.leadMeasureId(),
                command.segments(), version.intention(), version.frames(), version.content(), version.hypothesis(),
                source.designId(), version.version(), command.rationale(), command.agreementId()));
    }

    private static List<DesignEvent> retire(RetireDesign command, DesignState state) {
        DefinedDesign design = defined(command.designId(), state);
        if (command.agreementId() != null && design.agreementIds().contains(command.agreementId())) {
            return List.of();
        }
        if (design.retired()) {
            throw retired(design);
        }
        return List.of(new DesignRetired(design.designId(), design.unitId(), design.teamId(), command.reason(),
                command.agreementId()));
    }

    @Override
    public DesignState evolve(DesignState state, DesignEvent event) {
        if (event instanceof DesignCreated created) {
            return new DefinedDesign(created.designId(), created.unitId(), created.teamId(), created.name(),
                    created.activityType(), created.leadMeasureId(), created.segments(),
                    List.of(new DesignVersion(1, created.intention(), created.frames(), created.content(),
                            created.hypothesis(), ELEMENTS, null, null)),
                    null, null, Set.of());
        }
        if (event instanceof DesignForked forked) {
            return new DefinedDesign(forked.designId(), forked.unitId(), forked.teamId(), forked.name(),
                    forked.activityType(), forked.leadMeasureId(), forked.segments(),
                    List.of(new DesignVersion(1, forked.intention(), forked.frames(), forked.content(),
                            forked.hypothesis(), ELEMENTS, forked.rationale(), forked.agreementId())),
                    new ForkedFrom(forked.forkedFromDesignId(), forked.forkedFromVersion()), null,
                    forked.agreementId() == null ? Set.of() : Set.of(forked.agreementId()));
        }
        DefinedDesign design = (DefinedDesign) state;
        if (event instanceof DesignRevised revised) {
            DesignVersion current = design.current();
            List<String> changed = new ArrayList<>();
            if (revised.intention() != null) {
                changed.add("intention");
            }
            if (revised.frames() != null) {
                changed.add("frames");
            }
            if (revised.content() != null) {
                changed.add("content");
            }
            if (revised.hypothesis() != null) {
                changed.add("hypothesis");
            }
            return design.withVersion(new DesignVersion(revised.version(),
                    or(revised.intention(), current.intention()), or(revised.frames(), current.frames()),
                    or(revised.content(), current.content()), or(revised.hypothesis(), current.hypothesis()),
                    changed, revised.rationale(), revised.agreementId()));
        }
        if (event instanceof DesignRetired retired) {
            return design.withRetirement(new Retirement(retired.reason(), retired.agreementId()));
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    private static DefinedDesign defined(UUID designId, DesignState state) {
        if (!(state instanceof DefinedDesign design)) {
            throw CommandRejected.notFound("design-not-found", "There is no design " + designId);
        }
        return design;
    }

    private static CommandRejected retired(DefinedDesign design) {
        return CommandRejected.ruleViolated("design-retired", "Design " + design.designId() + " is retired");
    }

    private static List<FieldError> segmentErrors(List<String> segments, List<String> unknown) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (unknown.contains(segments.get(i))) {
                errors.add(new FieldError("segments[" + i + "]", "is no segment: " + segments.get(i)));
            }
        }
        return errors;
    }

    private static void requireDistinct(List<String> segments) {
        if (new HashSet<>(segments).size() != segments.size()) {
            throw CommandRejected.unprocessable("duplicate-segments", "Each segment may be named once",
                    new FieldError("segments", "names a segment twice"));
        }
    }

    /** {@code requested} when it differs from {@code current}, else {@code null}. */
    private static <T> T changed(T requested, T current) {
        return requested == null || Objects.equals(requested, current) ? null : requested;
    }

    private static <T> T or(T value, T otherwise) {
        return value != null ? value : otherwise;
    }
}
