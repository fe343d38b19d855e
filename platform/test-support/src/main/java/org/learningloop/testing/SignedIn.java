package org.learningloop.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

/**
 * REST Assured requests with a bearer token of the {@link TestIdentityProvider}: {@link #given()} signs in as the
 * suites' default caller, an organisation admin; {@link #as(String, String...)} as anybody else.
 */
public final class SignedIn {

    /** The default caller's subject: the actor the suites' events record. */
    public static final String ADMIN = "00000000-0000-4000-8000-00000000ad01";
    /** The operator's subject. */
    public static final String OPS = "00000000-0000-4000-8000-0000000000e5";
    /** The analyst's subject. */
    public static final String ANALYST = "00000000-0000-4000-8000-0000000000a1";

    private SignedIn() {
    }

    /** The {@code Authorization} header value of the default caller, for clients other than REST Assured. */
    public static String bearer() {
        return "Bearer " + TestIdentityProvider.get().token(ADMIN, "org-admin");
    }

    /** A request as the organisation admin every suite signs in as by default. */
    public static RequestSpecification given() {
        return as(ADMIN, "org-admin");
    }

    /** A request as an operator: {@code /admin/*}. */
    public static RequestSpecification asOps() {
        return as(OPS, "ops");
    }

    /** A request as an analyst: reports and exports across the organisation. */
    public static RequestSpecification asAnalyst() {
        return as(ANALYST, "analyst");
    }

    /** A request as the default caller holding every organisation-wide role, to reach every operation (the fuzzer). */
    public static RequestSpecification withEveryRole() {
        return as(ADMIN, "org-admin", "analyst", "ops");
    }

    /** A request as {@code subject} with the organisation-wide {@code roles}. */
    public static RequestSpecification as(String subject, String... roles) {
        return RestAssured.given().auth().oauth2(TestIdentityProvider.get().token(subject, roles));
    }

    /** A request as a new subject with the organisation-wide {@code roles}. */
    public static RequestSpecification asSomebody(String... roles) {
        return as(UUID.randomUUID().toString(), roles);
    }
}
