package org.learningloop.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The demo's people as users of the local Keycloak realm ({@code deploy/keycloak/learning-loop-realm.json}): each
 * user's id is the person's id in the demo, so a token of {@code manager} is the unit's manager to the services.
 * {@code manager} is the unit's manager, {@code lead} and {@code member} Team Harbour's team lead and second member,
 * and the others are named by team and place ({@code harbour-3}, {@code valley-1}, ..., {@code phone-3}; 1 is the
 * team lead). Every password is the local demo password.
 */
public final class DemoPeople {

    /** The public client people sign in through (password grant, local realm only). */
    static final String CLIENT = "learning-loop-cli";

    private DemoPeople() {
    }

    /** person id → username, for every person of the scenario (the demo's, or one played like it). */
    public static Map<UUID, String> usernames(Scenario scenario) {
        Map<UUID, String> usernames = new LinkedHashMap<>();
        usernames.put(Simulation.managerOf(scenario), "manager");
        for (Scenario.TeamSpec team : scenario.teams()) {
            String name = team.name().replaceFirst("^Team ", "").toLowerCase(Locale.ROOT);
            for (int index = 0; index < Simulation.MEMBERS_PER_TEAM; index++) {
                String username = name + "-" + (index + 1);
                if (team.name().equals("Team Harbour") && index < 2) {
                    username = index == 0 ? "lead" : "member";
                }
                usernames.put(Simulation.memberOf(scenario, team.name(), index), username);
            }
        }
        return usernames;
    }

    /**
     * The scenario's people signed in at {@code issuer} with {@code password}, each by their username; tokens are
     * fetched when first needed and renewed before they expire.
     */
    public static People signedIn(Scenario scenario, String issuer, String password) {
        Map<UUID, String> usernames = usernames(scenario);
        Map<UUID, Supplier<String>> signedIn = new ConcurrentHashMap<>();
        return person -> Optional.ofNullable(usernames.get(person)).map(username ->
                signedIn.computeIfAbsent(person, id -> SignIn.password(issuer, CLIENT, username, password)));
    }
}
