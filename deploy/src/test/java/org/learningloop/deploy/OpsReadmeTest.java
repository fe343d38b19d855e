package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/README.md names every environment variable the deployments set or the platform reads, and what ops must create. */
class OpsReadmeTest {

    static final String README = "deploy/README.md";

    @Test
    void lists_every_loop_variable_with_its_default() {
        String readme = Repo.read(README);
        LoopConfigKeys.all().forEach((key, fallback) -> {
            String variable = ServiceConfig.envName(key);
            assertThat(readme).as("%s documents %s (%s)", README, variable, key).contains("`" + variable + "`");
            fallback.ifPresent(value -> assertThat(readme.lines().filter(line -> line.contains("`" + variable + "`")))
                    .as("%s gives the default of %s", README, variable).anySatisfy(line -> assertThat(line).contains("`" + value + "`")));
        });
    }

    @Test
    void lists_every_variable_that_compose_sets_on_a_service() {
        String readme = Repo.read(README);
        Set<String> variables = new TreeSet<>();
        for (String service : Repo.services()) {
            variables.addAll(Yaml.environment(ComposeFileTest.service(service).path("environment")).keySet());
        }
        assertThat(variables).as("variables set in docker-compose.yml").isNotEmpty()
                .allSatisfy(variable -> assertThat(readme).as("%s documents %s", README, variable).contains("`" + variable + "`"));
    }

    @Test
    void lists_every_variable_that_kubernetes_sets_and_the_secrets_ops_create() {
        String readme = Repo.read(README);
        Rendered prod = Rendered.of("prod");
        Set<String> variables = new TreeSet<>();
        Set<String> secrets = new TreeSet<>();
        for (String service : Repo.services()) {
            variables.addAll(prod.environment(service).keySet());
            for (JsonNode entry : prod.container(service).path("env")) {
                if (entry.at("/valueFrom/secretKeyRef").isObject()) {
                    secrets.add(entry.at("/valueFrom/secretKeyRef/name").asText());
                }
            }
        }
        assertThat(variables).allSatisfy(variable -> assertThat(readme).as("%s documents %s", README, variable).contains("`" + variable + "`"));
        assertThat(secrets).as("Secrets the prod Deployments read").isNotEmpty()
                .allSatisfy(secret -> assertThat(readme).as("%s tells ops to create the Secret %s", README, secret).contains(secret));
        assertThat(readme).contains("kubectl apply -k deploy/k8s/overlays/prod").contains("docker compose up --build");
    }
}
