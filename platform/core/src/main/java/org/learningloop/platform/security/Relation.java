package org.learningloop.platform.security;

/**
 * How a caller stands to a team or a unit by the organisation's data (not by the token), weakest first: each
 * relation includes the rights of the ones before it.
 * <ul>
 *   <li>{@link #MEMBER} of a team: reads it and its unit's scoreboards; plans, carries out, evaluates and gives
 *       feedback on its activities. Of a unit: a member of one of its teams.</li>
 *   <li>{@link #TEAM_LEAD}: everything a member may, plus the team's WIG, lead measures and weekly WIG meetings.</li>
 *   <li>{@link #MANAGER} of the team's unit: everything for its teams, plus the unit's WIG, workplace meetings and
 *       designs.</li>
 * </ul>
 */
public enum Relation {
    NONE, MEMBER, TEAM_LEAD, MANAGER;

    public boolean includes(Relation needed) {
        return compareTo(needed) >= 0;
    }
}
