package org.learningloop.activity.design;

import org.learningloop.contracts.activity.Content;
import org.learningloop.contracts.activity.Frames;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A design's lifecycle: not yet created, or active → retired, with every version it ever had. */
public sealed interface DesignState {

    /** No design in this stream yet. */
    record NoDesign() implements DesignState {
    }

    /**
     * A design that has been created (or forked).
     *
     * @param versions     every version, version n at index n - 1
     * @param forkedFrom   the design version it was forked from, or {@code null}
     * @param retirement   why it was retired, or {@code null} while active
     * @param agreementIds the workplace-meeting agreements already applied to it
     */
    record DefinedDesign(UUID designId, UUID unitId, UUID teamId, String name, String activityType,
                         UUID leadMeasureId, List<String> segments, List<DesignVersion> versions,
                         ForkedFrom forkedFrom, Retirement retirement, Set<UUID> agreementIds) implements DesignState {

        public DefinedDesign {
            segments = List.copyOf(segments);
            versions = List.copyOf(versions);
            agreementIds = Set.copyOf(agreementIds);
        }

        public DesignVersion current() {
            return versions.get(versions.size() - 1);
        }

        /** Version {@code n}, or {@code null} when there is none. */
        public DesignVersion version(int n) {
            return n >= 1 && n <= versions.size() ? versions.get(n - 1) : null;
        }

        public boolean retired() {
            return retirement != null;
        }

        DefinedDesign withVersion(DesignVersion version) {
            List<DesignVersion> next = new ArrayList<>(versions);
            next.add(version);
            return new DefinedDesign(designId, unitId, teamId, name, activityType, leadMeasureId, segments, next,
                    forkedFrom, retirement, withAgreement(version.agreementId()));
        }

        DefinedDesign withRetirement(Retirement how) {
            return new DefinedDesign(designId, unitId, teamId, name, activityType, leadMeasureId, segments, versions,
                    forkedFrom, how, withAgreement(how.agreementId()));
        }

        private Set<UUID> withAgreement(UUID agreementId) {
            Set<UUID> next = new LinkedHashSet<>(agreementIds);
            if (agreementId != null) {
                next.add(agreementId);
            }
            return next;
        }
    }

    /**
     * One version of a design, whole: intention, frames, content and hypothesis as they stood, and why it came to be.
     *
     * @param changed     the elements this version changed ({@code intention}, {@code frames}, {@code content},
     *                    {@code hypothesis}); all four for version 1
     * @param rationale   why this version was made, or {@code null} for version 1
     * @param agreementId the agreement that decided it, or {@code null}
     */
    record DesignVersion(int version, String intention, Frames frames, Content content, String hypothesis,
                         List<String> changed, String rationale, UUID agreementId) {

        public DesignVersion {
            changed = List.copyOf(changed);
        }
    }

    /** The design version a fork started from. */
    record ForkedFrom(UUID designId, int version) {
    }

    /** Why a design was retired, and the agreement that decided it, if any. */
    record Retirement(String reason, UUID agreementId) {
    }
}
