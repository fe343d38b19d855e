package org.learningloop.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Who may call what, checked against a service's own OpenAPI document (ADR 15): every operation needs at least one
 * {@link Case}, so a new endpoint without a rule fails the test. Each case is called as every {@link Caller}: the
 * ones without a valid token get 401, the ones the rule leaves out 403 (and nothing is stored), the others neither.
 */
public final class AccessMatrix {

    /** The callers each case is tried as. */
    public enum Caller {
        NO_TOKEN, EXPIRED_TOKEN, TOKEN_OF_ANOTHER_KEY,
        MEMBER_OF_ANOTHER_TEAM, MEMBER, TEAM_LEAD, MANAGER_OF_ANOTHER_UNIT, MANAGER,
        ANALYST, OPS, ORG_ADMIN
    }

    public static final Set<Caller> UNAUTHENTICATED =
            EnumSet.of(Caller.NO_TOKEN, Caller.EXPIRED_TOKEN, Caller.TOKEN_OF_ANOTHER_KEY);
    /** Anybody with a valid token of the organisation's issuer. */
    public static final Set<Caller> SIGNED_IN = EnumSet.complementOf(EnumSet.copyOf(UNAUTHENTICATED));
    /** The team's members, its lead, its unit's manager, organisation admins. */
    public static final Set<Caller> TEAM_MEMBERS = EnumSet.of(Caller.MEMBER, Caller.TEAM_LEAD, Caller.MANAGER,
            Caller.ORG_ADMIN);
    /** The team's lead, its unit's manager, organisation admins. */
    public static final Set<Caller> TEAM_LEADS = EnumSet.of(Caller.TEAM_LEAD, Caller.MANAGER, Caller.ORG_ADMIN);
    /** The members of the unit's teams, its manager, organisation admins (the team of the matrix is in the unit). */
    public static final Set<Caller> UNIT_MEMBERS = TEAM_MEMBERS;
    /** The unit's manager, organisation admins. */
    public static final Set<Caller> UNIT_MANAGERS = EnumSet.of(Caller.MANAGER, Caller.ORG_ADMIN);
    public static final Set<Caller> ORG_ADMINS = EnumSet.of(Caller.ORG_ADMIN);
    public static final Set<Caller> ANALYSTS = EnumSet.of(Caller.ANALYST);
    public static final Set<Caller> OPERATORS = EnumSet.of(Caller.OPS);

    /** A new subject for each caller; the organisation admin is the suites' default caller ({@link SignedIn#ADMIN}). */
    public static Map<Caller, String> newSubjects() {
        Map<Caller, String> subjects = new EnumMap<>(Caller.class);
        for (Caller caller : Caller.values()) {
            subjects.put(caller, java.util.UUID.randomUUID().toString());
        }
        subjects.put(Caller.ORG_ADMIN, SignedIn.ADMIN);
        return subjects;
    }

    /** The callers any of {@code sets} allows. */
    @SafeVarargs
    public static Set<Caller> union(Set<Caller>... sets) {
        Set<Caller> all = EnumSet.noneOf(Caller.class);
        for (Set<Caller> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    /**
     * One call: the operation it exercises ({@code "POST /wigs/{wigId}/revise"}, as the OpenAPI document names it),
     * the concrete path, a body that passes validation (or {@code null}), and who may make it.
     */
    public record Case(String operation, String path, String body, Set<Caller> allowed) {
    }

    private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    /**
     * @param subjects the subject of each caller with a valid token (the team's member, lead, the unit's manager…,
     *                 as the service's organisation data knows them)
     */
    public AccessMatrix(Map<Caller, String> subjects) {
        TestIdentityProvider issuer = TestIdentityProvider.get();
        tokens.put(Caller.EXPIRED_TOKEN, issuer.expiredToken(subjects.get(Caller.ORG_ADMIN), "org-admin"));
        tokens.put(Caller.TOKEN_OF_ANOTHER_KEY, issuer.tokenSignedByAnotherKey(subjects.get(Caller.ORG_ADMIN),
                "org-admin"));
        for (Caller caller : SIGNED_IN) {
            String role = switch (caller) {
                case ANALYST -> "analyst";
                case OPS -> "ops";
                case ORG_ADMIN -> "org-admin";
                default -> null;
            };
            tokens.put(caller, role == null ? issuer.token(subjects.get(caller)) : issuer.token(subjects.get(caller), role));
        }
    }

    /**
     * What the reads among {@code cases} (GET operations) show {@code caller} of {@code texts}: one line per read whose
     * answer contains one of them (e.g. staff names, which analysts must never see).
     */
    public List<String> showing(List<Case> cases, Caller caller, java.util.Collection<String> texts) {
        List<String> shown = new ArrayList<>();
        for (Case c : cases) {
            if (!c.operation().startsWith("GET ") || !c.allowed().contains(caller)) {
                continue;
            }
            String body = request(caller, c).asString();
            texts.stream().filter(body::contains).forEach(text -> shown.add(c.operation() + " " + c.path() + " shows "
                    + caller + " " + text));
        }
        return shown;
    }

    /** The operations of the OpenAPI document that no case exercises. */
    public static Set<String> withoutACase(JsonNode openApi, List<Case> cases) {
        Set<String> operations = new TreeSet<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        cases.forEach(c -> operations.remove(c.operation()));
        return operations;
    }

    /**
     * Calls every case as every caller, refused callers first (with {@code storedEvents} unchanged by them), then
     * the allowed ones; what did not answer as the rule says.
     */
    public List<String> check(List<Case> cases, LongSupplier storedEvents) {
        List<String> wrong = new ArrayList<>();
        long before = storedEvents.getAsLong();
        for (Case c : cases) {
            for (Caller caller : Caller.values()) {
                if (c.allowed().contains(caller)) {
                    continue;
                }
                int expected = UNAUTHENTICATED.contains(caller) ? 401 : 403;
                var answer = request(caller, c);
                if (answer.statusCode() != expected || !answer.contentType().startsWith("application/problem+json")) {
                    wrong.add(c.operation() + " " + c.path() + " as " + caller + ": " + answer.statusCode()
                            + " (expected " + expected + ") " + answer.asString());
                }
            }
        }
        long after = storedEvents.getAsLong();
        if (after != before) {
            wrong.add((after - before) + " events stored by refused callers");
        }
        for (Case c : cases) {
            for (Caller caller : c.allowed()) {
                var answer = request(caller, c);
                if (answer.statusCode() == 401 || answer.statusCode() == 403 || answer.statusCode() >= 500) {
                    wrong.add(c.operation() + " " + c.path() + " as " + caller + " (allowed): " + answer.statusCode()
                            + " " + answer.asString());
                }
            }
        }
        return wrong;
    }

    private io.restassured.response.Response request(Caller caller, Case c) {
        RequestSpecification request = RestAssured.given().accept("*/*").header("If-Match", "\"1\"");
        if (tokens.containsKey(caller)) {
            request.header("Authorization", "Bearer " + tokens.get(caller));
        }
        if (c.body() != null) {
            request.contentType("application/json").body(c.body());
        }
        String method = c.operation().substring(0, c.operation().indexOf(' '));
        return request.request(method, c.path());
    }
}
