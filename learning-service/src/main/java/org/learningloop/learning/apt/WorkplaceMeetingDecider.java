package org.learningloop.learning.apt;

import org.learningloop.contracts.Text;
import org.learningloop.contracts.learning.AgreementKind;
import org.learningloop.contracts.learning.AgreementRecorded;
import org.learningloop.contracts.learning.CoachingNoteAdded;
import org.learningloop.contracts.learning.LearningEvent;
import org.learningloop.contracts.learning.LoopIterationClosed;
import org.learningloop.contracts.learning.LoopIterationOpened;
import org.learningloop.contracts.learning.WorkplaceMeetingClosed;
import org.learningloop.contracts.learning.WorkplaceMeetingOpened;
import org.learningloop.decider.CommandRejected.FieldError;
import org.learningloop.decider.CommandRejected;
import org.learningloop.decider.Decider;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.AddCoachingNote;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.CloseWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.OpenWorkplaceMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.RecordAgreement;
import org.learningloop.learning.apt.WorkplaceMeetingCommand.TeamLoop;
import org.learningloop.learning.apt.WorkplaceMeetingState.ClosedMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingState.NoMeeting;
import org.learningloop.learning.apt.WorkplaceMeetingState.OpenMeeting;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The monthly workplace meeting (APT) of a unit: one per unit and month; while open it gathers coaching
 * notes and agreements, each about one design or lead measure with the fields its kind needs; closing
 * it publishes the agreements ({@code agreement-made}) and ends each team's current loop iteration,
 * opening the next. A closed meeting is immutable, and a team's loop cannot be closed by a meeting of a
 * month not after the one that closed its previous iteration.
 */
public final class WorkplaceMeetingDecider
        implements Decider<WorkplaceMeetingCommand, LearningEvent, WorkplaceMeetingState> {

    @Override
    public WorkplaceMeetingState initialState() {
        return new NoMeeting();
    }

    @Override
    public List<LearningEvent> decide(WorkplaceMeetingCommand command, WorkplaceMeetingState state) {
        if (command instanceof OpenWorkplaceMeeting open) {
            if (!(state instanceof NoMeeting)) {
                throw CommandRejected.ruleViolated("workplace-meeting-exists",
                        "The unit has a workplace meeting for " + open.month() + " already");
            }
            return List.of(new WorkplaceMeetingOpened(open.workplaceMeetingId(), open.unitId(), open.month(),
                    List.copyOf(new LinkedHashSet<>(open.teamIds()))));
        }
        if (command instanceof AddCoachingNote note) {
            OpenMeeting open = open(state, note.workplaceMeetingId());
            if (note.note() == null || note.note().isBlank()) {
                throw CommandRejected.unprocessable("note-required", "A coaching note needs its text",
                        new FieldError("note", "must not be blank"));
            }
            checkTeam(note.teamId(), note.unitTeamIds());
            return List.of(new CoachingNoteAdded(open.opened().workplaceMeetingId(), open.opened().unitId(),
                    note.teamId(), note.noteId(), note.note().strip(), note.authorId()));
        }
        if (command instanceof RecordAgreement agreement) {
            return List.of(agreement(open(state, agreement.workplaceMeetingId()), agreement));
        }
        if (command instanceof CloseWorkplaceMeeting close) {
            return close(open(state, close.workplaceMeetingId()), close);
        }
        throw new IllegalArgumentException("Unknown command " + command);
    }

    private static OpenMeeting open(WorkplaceMeetingState state, UUID id) {
        if (state instanceof NoMeeting) {
            throw CommandRejected.notFound("workplace-meeting-not-found", "There is no workplace meeting " + id);
        }
        if (state instanceof ClosedMeeting) {
            throw CommandRejected.ruleViolated("workplace-meeting-closed", "The workplace meeting is closed");
        }
        return (OpenMeeting) state;
    }

    private static void checkTeam(UUID teamId, java.util.Set<UUID> unitTeamIds) {
        if (teamId != null && !unitTeamIds.contains(teamId)) {
            throw CommandRejected.unprocessable("team-not-in-unit", "Team " + teamId + " is not a team of the unit",
                    new FieldError("teamId", "must be a team of the meeting's unit"));
        }
    }

    private static AgreementRecorded agreement(OpenMeeting open, RecordAgreement command) {
        AgreementKind kind = command.kind();
        if (kind == null) {
            throw unprocessable("kind-required", "kind", "is required");
        }
        if (command.rationale() == null || command.rationale().isBlank()) {
            throw unprocessable("rationale-required", "rationale", "must not be blank");
        }
        boolean aboutDesign = kind == AgreementKind.REVISE_DESIGN || kind == AgreementKind.KEEP_DESIGN
                || kind == AgreementKind.FORK_DESIGN || kind == AgreementKind.RETIRE_DESIGN;
        boolean changesElements = command.intention() != null || command.frames() != null || command.content() != null
                || command.hypothesis() != null;
        boolean hasSegment = command.segment() != null && !command.segment().isBlank();
        if (aboutDesign) {
            if (command.designId() == null) {
                throw unprocessable("design-required", "designId", "is required for " + label(kind));
            }
            if (command.leadMeasureId() != null || command.replacementLeadMeasureId() != null) {
                throw unprocessable("field-not-for-kind", "leadMeasureId", "is not for " + label(kind));
            }
            if (kind == AgreementKind.REVISE_DESIGN && !changesElements) {
                throw unprocessable("changed-element-required", "intention",
                        "revise-design needs at least one changed element: intention, frames, content or hypothesis");
            }
            if (kind != AgreementKind.REVISE_DESIGN && changesElements) {
                throw unprocessable("field-not-for-kind", "intention", "changed elements are only for revise-design");
            }
            if (kind == AgreementKind.FORK_DESIGN && !hasSegment) {
                throw unprocessable("segment-required", "segment", "is required for fork-design");
            }
        } else {
            if (command.leadMeasureId() == null) {
                throw unprocessable("lead-measure-required", "leadMeasureId", "is required for " + label(kind));
            }
            if (command.designId() != null || hasSegment || changesElements) {
                throw unprocessable("field-not-for-kind", "designId", "design fields are not for " + label(kind));
            }
            if (kind == AgreementKind.REPLACE_LEAD_MEASURE) {
                if (command.replacementLeadMeasureId() == null) {
                    throw unprocessable("replacement-required", "replacementLeadMeasureId",
                            "is required for replace-lead-measure");
                }
                if (command.replacementLeadMeasureId().equals(command.leadMeasureId())) {
                    throw unprocessable("replacement-is-the-same", "replacementLeadMeasureId",
                            "must differ from leadMeasureId");
                }
            } else if (command.replacementLeadMeasureId() != null) {
                throw unprocessable("field-not-for-kind", "replacementLeadMeasureId", "is only for replace-lead-measure");
            }
        }
        checkTeam(command.teamId(), command.unitTeamIds());
        String segment = hasSegment ? command.segment().strip() : null;
        for (AgreementRecorded earlier : open.agreements()) {
            if (sameSubject(earlier, kind, command.designId(), command.leadMeasureId(), segment)) {
                throw CommandRejected.ruleViolated("agreement-exists",
                        "The meeting has an agreement about this " + (aboutDesign ? "design" : "lead measure") + " already");
            }
        }
        WorkplaceMeetingOpened opened = open.opened();
        return new AgreementRecorded(command.agreementId(), opened.workplaceMeetingId(), opened.unitId(),
                command.teamId(), opened.month(), kind, command.designId(), command.leadMeasureId(),
                command.replacementLeadMeasureId(), segment, command.rationale().strip(),
                distinct(command.learningIds()), distinct(command.activityIds()), Text.stripToNull(command.intention()),
                command.frames(), command.content(), Text.stripToNull(command.hypothesis()));
    }

    /** Two agreements about the same thing: the same lead measure, the same design (a fork: for the same segment). */
    private static boolean sameSubject(AgreementRecorded earlier, AgreementKind kind, UUID designId, UUID leadMeasureId,
                                       String segment) {
        if (designId != null) {
            boolean fork = kind == AgreementKind.FORK_DESIGN;
            boolean earlierFork = earlier.kind() == AgreementKind.FORK_DESIGN;
            return designId.equals(earlier.designId()) && fork == earlierFork
                    && (!fork || Objects.equals(segment, earlier.segment()));
        }
        return leadMeasureId.equals(earlier.leadMeasureId());
    }

    private static List<LearningEvent> close(OpenMeeting open, CloseWorkplaceMeeting command) {
        WorkplaceMeetingOpened opened = open.opened();
        List<TeamLoop> teams = new ArrayList<>();
        LinkedHashSet<UUID> seen = new LinkedHashSet<>();
        for (TeamLoop team : command.teams()) {
            if (seen.add(team.teamId())) {
                teams.add(team);
            }
        }
        for (TeamLoop team : teams) {
            if (team.lastClosedMonth() != null && team.lastClosedMonth().compareTo(opened.month()) >= 0) {
                throw CommandRejected.ruleViolated("loop-closed-later", "Team " + team.teamId()
                        + "'s loop iteration was closed by the meeting of " + team.lastClosedMonth()
                        + ", not before " + opened.month());
            }
        }
        List<LearningEvent> events = new ArrayList<>();
        List<UUID> agreementIds = open.agreements().stream().map(AgreementRecorded::agreementId).toList();
        events.add(new WorkplaceMeetingClosed(opened.workplaceMeetingId(), opened.unitId(), opened.month(), agreementIds,
                teams.stream().map(TeamLoop::teamId).toList()));
        open.agreements().forEach(agreement -> events.add(agreement.made()));
        String next = YearMonth.parse(opened.month()).plusMonths(1).toString();
        for (TeamLoop team : teams) {
            List<UUID> concerning = open.agreements().stream()
                    .filter(a -> a.teamId() == null || a.teamId().equals(team.teamId()))
                    .map(AgreementRecorded::agreementId).toList();
            String from = team.lastClosedMonth() == null ? null
                    : YearMonth.parse(team.lastClosedMonth()).plusMonths(1).toString();
            events.add(new LoopIterationClosed(team.teamId(), opened.unitId(), team.iteration(), from, opened.month(),
                    opened.workplaceMeetingId(), concerning));
            events.add(new LoopIterationOpened(team.teamId(), opened.unitId(), team.iteration() + 1, next,
                    opened.workplaceMeetingId()));
        }
        return events;
    }

    @Override
    public WorkplaceMeetingState evolve(WorkplaceMeetingState state, LearningEvent event) {
        if (event instanceof WorkplaceMeetingOpened opened) {
            return new OpenMeeting(opened, List.of(), List.of());
        }
        if (state instanceof OpenMeeting open) {
            if (event instanceof CoachingNoteAdded note) {
                return new OpenMeeting(open.opened(), append(open.notes(), note), open.agreements());
            }
            if (event instanceof AgreementRecorded agreement) {
                return new OpenMeeting(open.opened(), open.notes(), append(open.agreements(), agreement));
            }
            if (event instanceof WorkplaceMeetingClosed closed) {
                return new ClosedMeeting(open.opened(), open.notes(), open.agreements(), closed);
            }
        }
        return state;
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list);
        copy.add(item);
        return List.copyOf(copy);
    }

    private static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }


    private static String label(AgreementKind kind) {
        return kind.name().toLowerCase().replace('_', '-');
    }

    private static CommandRejected unprocessable(String code, String field, String message) {
        return CommandRejected.unprocessable(code, "The agreement is incomplete: " + field + " " + message,
                new FieldError(field, message));
    }
}
