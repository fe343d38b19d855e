package org.learningloop.contracts.goal;

import org.learningloop.contracts.LoopEvent;

/**
 * What happens to a WIG team and its membership. Published on {@code loop.goals}, keyed by the team.
 * Members appear by id only: display names are erasable staff data, never in events.
 */
public sealed interface TeamEvent extends LoopEvent permits TeamCreated, MemberJoined, MemberRoleChanged, MemberLeft {
}
