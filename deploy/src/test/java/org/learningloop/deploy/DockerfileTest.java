package org.learningloop.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service's src/main/docker/Dockerfile.jvm against the build: modules, artifacts, port, user. */
class DockerfileTest {

    static List<String> services() {
        return Repo.services();
    }

    static String dockerfile(String name) {
        return Repo.read(name + "/src/main/docker/Dockerfile.jvm");
    }

    /** Instructions with continuation lines joined, comments dropped. */
    static List<String> instructions(String dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                result.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return result;
    }

    @ParameterizedTest
    @MethodSource("services")
    void builds_with_maven_then_runs_the_fast_jar_on_a_jre(String name) {
        List<String> instructions = instructions(dockerfile(name));
        List<String> froms = instructions.stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(froms).as("%s stages", name).hasSize(2);
        assertThat(froms.get(0)).as("%s build stage", name).startsWith("FROM maven:3.9-eclipse-temurin-17 AS ");
        assertThat(froms.get(1)).as("%s run stage", name).isEqualTo("FROM eclipse-temurin:17-jre");
        assertThat(instructions).as("%s builds its own module with the reactor modules it needs", name)
                .anySatisfy(i -> assertThat(i).startsWith("RUN ").contains("mvn ").contains("-pl " + name + " ").contains("-am").contains("package"));
        assertThat(instructions).as("%s copies the fast-jar (quarkus-run.jar and its lib, app, quarkus directories)", name)
                .anySatisfy(i -> assertThat(i).contains("/" + name + "/target/quarkus-app/lib/"))
                .anySatisfy(i -> assertThat(i).contains("/" + name + "/target/quarkus-app/app/"))
                .anySatisfy(i -> assertThat(i).contains("/" + name + "/target/quarkus-app/quarkus/"))
                .anySatisfy(i -> assertThat(i).contains("/" + name + "/target/quarkus-app/*.jar"));
        assertThat(instructions.get(instructions.size() - 1)).as("%s entrypoint", name)
                .startsWith("ENTRYPOINT [\"java\"").contains("\"-jar\", \"/deployments/quarkus-run.jar\"");
    }

    @ParameterizedTest
    @MethodSource("services")
    void copies_every_module_of_the_reactor(String name) {
        List<String> sources = new ArrayList<>();
        for (String instruction : instructions(dockerfile(name))) {
            Matcher copy = Pattern.compile("COPY (?!--from)(\\S+) (\\S+)").matcher(instruction);
            if (copy.matches()) {
                sources.add(copy.group(1).replaceAll("/$", ""));
            }
        }
        assertThat(sources).as("%s copies the root pom", name).contains("pom.xml");
        for (String module : Repo.modules()) {
            assertThat(sources).as("%s: Maven reads every module of the root pom, so module %s (or its pom) must be copied; copied: %s",
                    name, module, sources)
                    .anySatisfy(source -> assertThat(module + "/pom.xml").satisfiesAnyOf(
                            path -> assertThat(path).startsWith(source + "/"),
                            path -> assertThat(path).isEqualTo(source)));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposes_the_service_port_and_runs_as_a_numeric_non_root_user(String name) {
        List<String> instructions = instructions(dockerfile(name));
        int port = ServiceConfig.of(name).httpPort();
        assertThat(instructions).as("%s EXPOSE quarkus.http.port", name).contains("EXPOSE " + port);
        List<String> users = instructions.stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).as("%s sets a USER", name).isNotEmpty();
        String user = users.get(users.size() - 1).substring("USER ".length()).split(":")[0];
        assertThat(user).as("%s runs as a numeric uid (runAsNonRoot can verify it) other than root", name)
                .matches("\\d+").isNotEqualTo("0");
        assertThat(instructions).as("%s installs curl for the compose health check", name)
                .anySatisfy(i -> assertThat(i).startsWith("RUN ").contains("install").contains("curl"));
    }
}
