package org.learningloop.platform.security;

/**
 * The organisation-wide roles a token carries (Keycloak realm roles, {@code realm_access.roles}). Team and unit
 * roles (member, team lead, manager) are not in the token: they come from the organisation's own data.
 */
public final class Roles {

    /** Organisation structure and reference data: the organisation WIG, units, teams, members, activity types, segments. */
    public static final String ORG_ADMIN = "org-admin";
    /** Read-only across the organisation's reports and exports; never sees staff names. */
    public static final String ANALYST = "analyst";
    /** {@code /admin/*}: projection status and rebuilds, and nothing else. */
    public static final String OPS = "ops";

    private Roles() {
    }
}
