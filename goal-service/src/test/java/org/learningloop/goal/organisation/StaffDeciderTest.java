package org.learningloop.goal.organisation;

import org.junit.jupiter.api.Test;
import org.learningloop.contracts.goal.MemberErased;
import org.learningloop.contracts.goal.StaffEvent;
import org.learningloop.goal.organisation.StaffDecider.EraseMember;
import org.learningloop.goal.organisation.StaffDecider.StaffState;
import org.learningloop.testing.DeciderSpecification;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's data is erased once: the first erasure is recorded, another records nothing. */
class StaffDeciderTest {

    private static final UUID ANNA = UUID.fromString("11111111-2222-4333-8444-555555555555");

    private final DeciderSpecification<EraseMember, StaffEvent, StaffState> spec = DeciderSpecification.of(new StaffDecider());

    @Test
    void givenNoErasure_whenErased_thenMemberErased() {
        StaffState state = spec.given().when(new EraseMember(ANNA)).then(new MemberErased(ANNA));
        assertThat(state.erased()).isTrue();
    }

    @Test
    void givenAnErasure_whenErasedAgain_thenNothingIsRecorded() {
        StaffState state = spec.given(new MemberErased(ANNA)).when(new EraseMember(ANNA)).then();
        assertThat(state.erased()).isTrue();
    }
}
