package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml against the services' code and configuration. */
class ComposeFileTest {

    static final String COMPOSE = "docker-compose.yml";
    static final String INIT_SCRIPT = "deploy/compose/postgres-init/10-service-databases.sh";
    static final String KAFKA = "kafka";
    static final String POSTGRES = "postgres";
    static final String KEYCLOAK = "keycloak";

    static final JsonNode COMPOSE_FILE = Yaml.read(Repo.read(COMPOSE));

    static List<String> services() {
        return Repo.services();
    }

    static JsonNode service(String name) {
        JsonNode service = COMPOSE_FILE.path("services").path(name);
        assertThat(service.isObject()).as("%s has a service %s", COMPOSE, name).isTrue();
        return service;
    }

    static Map<String, String> environment(String name) {
        return Yaml.environment(service(name).path("environment"));
    }

    /** Each service accepts the tokens of the compose file's Keycloak, whose realm is the repository's. */
    @ParameterizedTest
    @MethodSource("services")
    void points_every_service_at_the_keycloak_realm_it_imports(String name) {
        assertThat(environment(name)).as(name).containsEntry("LOOP_OIDC_ISSUER",
                "http://" + KEYCLOAK + ":8180/realms/learning-loop");
        assertThat(Yaml.text(service(KEYCLOAK), "/image")).hasValueSatisfying(image -> assertThat(image).endsWith(":26.4.7"));
        assertThat(service(KEYCLOAK).path("volumes").get(0).asText()).startsWith("./deploy/keycloak:");
        assertThat(Repo.path("deploy/keycloak/learning-loop-realm.json")).isRegularFile();
    }

    @Test
    void runs_every_service_and_nothing_but_kafka_postgres_and_keycloak_besides() {
        Set<String> expected = new TreeSet<>(services());
        expected.add(KAFKA);
        expected.add(POSTGRES);
        expected.add(KEYCLOAK);
        Set<String> actual = new TreeSet<>();
        COMPOSE_FILE.path("services").fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as("services in %s (the services are the root pom's modules with an HTTP port)", COMPOSE)
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("services")
    void builds_the_service_from_its_dockerfile_as_learning_loop_image(String name) {
        JsonNode service = service(name);
        assertThat(Yaml.text(service, "/build/context")).as("%s build context (the repository root)", name).contains(".");
        String dockerfile = name + "/src/main/docker/Dockerfile.jvm";
        assertThat(Yaml.text(service, "/build/dockerfile")).as("%s dockerfile", name).contains(dockerfile);
        assertThat(Repo.path(dockerfile)).as("the Dockerfile of %s", name).isRegularFile();
        assertThat(Yaml.text(service, "/image").orElse(""))
                .as("%s image name", name).matches("learning-loop/" + Pattern.quote(name) + ":[\\w][\\w.-]*");
    }

    @ParameterizedTest
    @MethodSource("services")
    void publishes_the_port_the_service_listens_on(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        int port = config.httpPort();
        String envPort = environment(name).get("QUARKUS_HTTP_PORT");
        if (envPort != null) {
            assertThat(envPort).as("%s QUARKUS_HTTP_PORT vs quarkus.http.port", name).isEqualTo(String.valueOf(port));
        }
        assertThat(Yaml.texts(service(name).path("ports")))
                .as("%s publishes quarkus.http.port %d on the same host port", name, port)
                .contains(port + ":" + port);
    }

    @ParameterizedTest
    @MethodSource("services")
    void sets_only_environment_variables_the_service_reads(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        List<String> unknown = new ArrayList<>();
        environment(name).keySet().forEach(variable -> {
            if (config.keyOfEnv(variable).isEmpty()) {
                unknown.add(variable);
            }
        });
        assertThat(unknown).as("environment variables of %s in %s that map to no configuration key it declares "
                + "(application.properties, the platform's defaults, LoopConfig, or ServiceConfig.WELL_KNOWN_KEYS)",
                name, COMPOSE).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("services")
    void health_check_asks_the_readiness_path_the_service_serves(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        assertThat(config.servesHealthAndMetrics()).as("%s has SmallRye Health (through loop-platform)", name).isTrue();
        String test = String.join(" ", Yaml.texts(service(name).at("/healthcheck/test")));
        Matcher url = Pattern.compile("http://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)").matcher(test);
        assertThat(url.find()).as("%s healthcheck calls an HTTP URL: %s", name, test).isTrue();
        assertThat(Integer.parseInt(url.group(1))).as("%s healthcheck port", name).isEqualTo(config.managementPortOrHttpPort());
        assertThat(url.group(2)).as("%s healthcheck path (the service serves %s)", name, config.healthPaths())
                .isEqualTo(config.readinessPath());
        assertThat(test).as("%s healthcheck fails on an HTTP error (curl -f)", name).contains("curl").contains("-f");
    }

    @ParameterizedTest
    @MethodSource("services")
    void starts_after_postgres_and_kafka_are_healthy(String name) {
        JsonNode dependsOn = service(name).path("depends_on");
        for (String dependency : List.of(POSTGRES, KAFKA)) {
            assertThat(Yaml.text(dependsOn, "/" + dependency + "/condition")).as("%s depends_on %s", name, dependency)
                    .contains("service_healthy");
            assertThat(service(dependency).at("/healthcheck/test").isMissingNode())
                    .as("%s has a healthcheck", dependency).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void uses_its_own_database_created_by_the_init_script(String name) {
        ServiceConfig config = ServiceConfig.of(name);
        String database = config.databaseName();
        Map<String, String> env = environment(name);
        for (String variable : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
            String url = env.get(variable);
            assertThat(url).as("%s sets %s", name, variable).isNotNull();
            var parsed = ServiceConfig.parseDatabaseUrl(url);
            assertThat(parsed.database()).as("%s %s database (the service's own: %s)", name, variable, database).isEqualTo(database);
            assertThat(parsed.host()).as("%s %s host", name, variable).isEqualTo(POSTGRES);
            assertThat(parsed.port()).as("%s %s port", name, variable).isEqualTo(5432);
        }
        assertThat(initScriptDatabases()).as("databases that %s creates", INIT_SCRIPT).contains(database);
        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as("%s connects as the role that owns its database", name)
                .isEqualTo(database);
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD")).as("%s database password", name)
                .isEqualTo(Yaml.environment(service(POSTGRES).path("environment")).get("LOOP_SERVICE_DB_PASSWORD"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void reaches_kafka_on_an_advertised_listener_and_creates_its_topics(String name) {
        Map<String, String> env = environment(name);
        Map<String, String> kafka = Yaml.environment(service(KAFKA).path("environment"));
        Set<String> advertised = new TreeSet<>();
        for (String listener : kafka.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(",")) {
            advertised.add(listener.replaceFirst("^[A-Za-z_]+://", "").trim());
        }
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("%s KAFKA_BOOTSTRAP_SERVERS is an advertised listener of %s", name, KAFKA)
                .isIn(advertised);
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("%s reaches Kafka by its compose service name", name)
                .startsWith(KAFKA + ":");
        // the broker does not auto-create topics, so each service must create its own at start
        ServiceConfig config = ServiceConfig.of(name);
        String create = env.getOrDefault("LOOP_TOPICS_CREATE", config.require("loop.topics.create"));
        assertThat(create).as("%s creates its topics (loop.topics.create) since the broker will not", name).isEqualTo("true");
        String replication = env.getOrDefault("LOOP_TOPICS_REPLICATION_FACTOR", config.require("loop.topics.replication-factor"));
        assertThat(Integer.parseInt(replication)).as("%s topic replication on a single broker", name).isEqualTo(1);
        String partitions = env.getOrDefault("LOOP_TOPICS_PARTITIONS", config.require("loop.topics.partitions"));
        assertThat(Integer.parseInt(partitions)).as("%s LOOP_TOPICS_PARTITIONS", name).isPositive();
    }

    @Test
    void kafka_is_the_official_image_of_the_client_version_in_kraft_mode_without_auto_creation() {
        JsonNode kafka = service(KAFKA);
        assertThat(Yaml.text(kafka, "/image")).as("Kafka image: the Apache image of the kafka-clients version the services use")
                .contains("apache/kafka:" + AppInfoParser.getVersion());
        Map<String, String> env = Yaml.environment(kafka.path("environment"));
        assertThat(env.get("KAFKA_PROCESS_ROLES")).as("KRaft: broker and controller in one node").isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as("auto topic creation").isEqualTo("false");
        assertThat(env).as("a fixed cluster id").containsKey("CLUSTER_ID");
        assertThat(String.join(" ", Yaml.texts(kafka.at("/healthcheck/test"))))
                .as("Kafka healthcheck asks the broker API").contains("kafka-broker-api-versions");
        assertThat(Yaml.texts(kafka.path("volumes"))).as("Kafka keeps its data in a named volume at KAFKA_LOG_DIRS")
                .contains("kafka-data:" + env.get("KAFKA_LOG_DIRS"));
        assertThat(COMPOSE_FILE.path("volumes").has("kafka-data")).as("volume kafka-data is declared").isTrue();
    }

    @Test
    void postgres_16_keeps_its_data_in_a_named_volume_and_runs_the_init_script() {
        JsonNode postgres = service(POSTGRES);
        assertThat(Yaml.text(postgres, "/image").orElse("")).as("PostgreSQL image").matches("postgres:16([.-].*)?");
        assertThat(Yaml.texts(postgres.path("volumes"))).as("PostgreSQL volumes")
                .contains("postgres-data:/var/lib/postgresql/data")
                .anySatisfy(volume -> assertThat(volume).startsWith("./deploy/compose/postgres-init:/docker-entrypoint-initdb.d"));
        assertThat(COMPOSE_FILE.path("volumes").has("postgres-data")).as("volume postgres-data is declared").isTrue();
        assertThat(String.join(" ", Yaml.texts(postgres.at("/healthcheck/test")))).as("PostgreSQL healthcheck")
                .contains("pg_isready").contains("-h 127.0.0.1");
        assertThat(Repo.path(INIT_SCRIPT)).as("init script").isRegularFile().isExecutable();
    }

    @Test
    void the_init_script_creates_exactly_the_services_databases() {
        Set<String> expected = new TreeSet<>();
        services().forEach(name -> expected.add(ServiceConfig.of(name).databaseName()));
        assertThat(initScriptDatabases()).isEqualTo(expected);
    }

    /** The names in the init script's {@code for database in …; do} list. */
    static Set<String> initScriptDatabases() {
        Matcher matcher = Pattern.compile("for database in ([^;\\n]+);").matcher(Repo.read(INIT_SCRIPT));
        assertThat(matcher.find()).as("%s loops over the databases", INIT_SCRIPT).isTrue();
        return new TreeSet<>(List.of(matcher.group(1).trim().split("\\s+")));
    }
}
