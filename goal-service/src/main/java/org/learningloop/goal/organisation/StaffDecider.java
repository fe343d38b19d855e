package org.learningloop.goal.organisation;

import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.StaffEvent;
import org.learningloop.decider.Decider;

import java.util.List;
import java.util.UUID;

/**
 * The rules of a person's own data (stream {@code staff-<memberId>}): it is erased once; erasing it again decides
 * nothing (issue 12).
 */
public final class StaffDecider implements Decider<StaffDecider.EraseMember, StaffEvent, StaffDecider.StaffState> {

    /** Erase the person's data. */
    public record EraseMember(UUID memberId) {
    }

    /** Whether the person's data has been erased. */
    public record StaffState(boolean erased) {
    }

    @Override
    public StaffState initialState() {
        return new StaffState(false);
    }

    @Override
    public List<StaffEvent> decide(EraseMember command, StaffState state) {
        return state.erased() ? List.of() : List.of(new MemberErased(command.memberId()));
    }

    @Override
    public StaffState evolve(StaffState state, StaffEvent event) {
        if (event instanceof MemberErased) {
            return new StaffState(true);
        }
        throw new IllegalArgumentException("Unhandled event " + event.getClass().getSimpleName());
    }
}
