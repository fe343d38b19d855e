package org.learningloop.contracts.goal;

import org.learningloop.contracts.LoopEvent;

/**
 * What happens to a person's own data (stream {@code staff-<memberId>}), keyed by the organisation. Never personal
 * data itself: an erasure names the person by id only (issue 12, docs/privacy.md).
 */
public sealed interface StaffEvent extends LoopEvent permits MemberErased {
}
