package org.learningloop.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Keycloak's demo users are the demo's people: a member is known by their identity's subject (ADR 15), so
 * {@code bin/loop token manager} signs in as the unit's manager, {@code lead} as Team Harbour's lead and {@code member}
 * as one of its members, with their rights and no others; and the demo loader signs each of the demo's people in as
 * themselves ({@link DemoPeople}).
 */
class DemoIdentitiesTest {

    private static final Path REALM = Path.of("..", "deploy", "keycloak", "learning-loop-realm.json");

    @Test
    void everyPersonOfTheDemoIsAUserOfTheRealmWithTheSameId() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Files.readString(REALM));
        Map<String, String> ids = new HashMap<>();
        realm.path("users").forEach(user -> ids.put(user.path("username").asText(), user.path("id").asText()));
        Scenario demo = Scenarios.demo(Instant.parse("2026-12-02T12:00:00Z"));

        assertThat(UUID.fromString(ids.get("manager"))).isEqualTo(Simulation.managerOf(demo));
        assertThat(UUID.fromString(ids.get("lead"))).isEqualTo(Simulation.memberOf(demo, "Team Harbour", 0));
        assertThat(UUID.fromString(ids.get("member"))).isEqualTo(Simulation.memberOf(demo, "Team Harbour", 1));
        Map<UUID, String> people = DemoPeople.usernames(demo);
        assertThat(people).hasSize(1 + demo.teams().size() * Simulation.MEMBERS_PER_TEAM);
        people.forEach((person, username) -> assertThat(ids.get(username))
                .as("the realm's user %s is the demo's person %s", username, person).isEqualTo(person.toString()));
    }
}
