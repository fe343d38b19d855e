package org.learningloop.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered overlays (kubectl kustomize deploy/k8s/overlays/{dev,prod}) against the services'
 * code and configuration: probes, ports, env, images, security, database and Kafka wiring.
 */
class KubernetesManifestsTest {

    static final Pattern IMAGE = Pattern.compile("(?:.+/)?learning-loop/([a-z0-9-]+):([\\w][\\w.-]{0,127})");

    static Stream<Arguments> overlaysAndServices() {
        return Kustomize.OVERLAYS.stream().flatMap(overlay -> Repo.services().stream().map(service -> Arguments.of(overlay, service)));
    }

    static List<String> overlays() {
        return Kustomize.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void every_object_matches_its_schema(String overlay) {
        List<String> problems = new ArrayList<>();
        Rendered.of(overlay).objects().forEach(object -> problems.addAll(KubernetesSchema.problems(object)));
        assertThat(problems).as("schema problems in overlay %s", overlay).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploys_exactly_the_services(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> deployments = new TreeSet<>();
        rendered.ofKind("Deployment").forEach(d -> deployments.add(Yaml.name(d)));
        assertThat(deployments).as("Deployments in %s", overlay).isEqualTo(new TreeSet<>(Repo.services()));
        for (String kind : List.of("Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "PodMonitor", "NetworkPolicy")) {
            for (String service : Repo.services()) {
                assertThat(rendered.find(kind, service)).as("%s: %s %s", overlay, kind, service).isPresent();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everything_is_in_the_overlays_namespace(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        String namespace = Yaml.name(rendered.single("Namespace"));
        rendered.objects().stream().filter(o -> !Yaml.kind(o).equals("Namespace")).forEach(object ->
                assertThat(Yaml.text(object, "/metadata/namespace")).as("%s: namespace of %s/%s", overlay, Yaml.kind(object), Yaml.name(object))
                        .contains(namespace));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void probes_ask_the_health_paths_the_service_serves(String overlay, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(config.servesHealthAndMetrics()).as("%s has SmallRye Health and Micrometer Prometheus", service).isTrue();
        JsonNode container = Rendered.of(overlay).container(service);
        Map<String, String> expected = Map.of("startupProbe", config.startupPath(), "readinessProbe", config.readinessPath(),
                "livenessProbe", config.livenessPath());
        expected.forEach((probe, path) -> {
            JsonNode httpGet = container.path(probe).path("httpGet");
            assertThat(httpGet.isObject()).as("%s %s has an httpGet %s", overlay, service, probe).isTrue();
            assertThat(httpGet.path("path").asText()).as("%s %s %s path", overlay, service, probe).isEqualTo(path);
            assertThat(containerPort(container, httpGet.path("port"))).as("%s %s %s port", overlay, service, probe)
                    .isEqualTo(config.managementPortOrHttpPort());
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void ports_match_quarkus_http_port(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        int port = ServiceConfig.of(service).httpPort();
        JsonNode container = rendered.container(service);
        assertThat(containerPort(container, Yaml.read("http"))).as("%s %s container port named http", overlay, service).isEqualTo(port);
        String envPort = rendered.environment(service).get("QUARKUS_HTTP_PORT");
        if (envPort != null) {
            assertThat(envPort).as("%s %s QUARKUS_HTTP_PORT", overlay, service).isEqualTo(String.valueOf(port));
        }
        JsonNode svc = rendered.get("Service", service);
        assertThat(Rendered.selects(svc.at("/spec/selector"), rendered.get("Deployment", service).at("/spec/template/metadata/labels")))
                .as("%s Service %s selects its pods", overlay, service).isTrue();
        JsonNode servicePort = svc.at("/spec/ports/0");
        assertThat(servicePort.path("port").asInt()).as("%s Service %s port", overlay, service).isEqualTo(port);
        assertThat(containerPort(container, servicePort.path("targetPort"))).as("%s Service %s targetPort", overlay, service).isEqualTo(port);
    }

    /** Every service trusts the issuer its ConfigMap names; production serves no Swagger UI. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void names_the_identity_provider_and_turns_swagger_ui_off_in_production(String overlay, String service) {
        Map<String, String> env = Rendered.of(overlay).environment(service);
        assertThat(env.get("LOOP_OIDC_ISSUER")).as("%s %s LOOP_OIDC_ISSUER", overlay, service).startsWith("https://");
        assertThat(env.get("LOOP_OIDC_AUDIENCE")).as("%s %s LOOP_OIDC_AUDIENCE", overlay, service)
                .isEqualTo("learning-loop");
        if (overlay.equals("prod")) {
            assertThat(env.get("QUARKUS_SWAGGER_UI_ENABLE")).as("%s %s Swagger UI", overlay, service).isEqualTo("false");
        }
    }

    /**
     * The organisation's personal-data keys, each one Secret key that every service must read: names are
     * fingerprinted under the name key (or names pass unrecognised), and the keys of sealed free text are wrapped
     * under the text key (ADR 18: or no service can read another's texts).
     */
    static Stream<Arguments> overlaysAndPersonalDataKeys() {
        return Kustomize.OVERLAYS.stream().flatMap(overlay -> Stream.of(
                Arguments.of(overlay, "loop.personal-data.name-key", "name-key"),
                Arguments.of(overlay, "loop.personal-data.text-key", "text-key")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndPersonalDataKeys")
    void every_service_reads_the_same_personal_data_key_from_a_secret(String overlay, String configKey, String secretKey) {
        Rendered rendered = Rendered.of(overlay);
        String variable = ServiceConfig.envName(configKey);
        Set<String> sources = new TreeSet<>();
        for (String service : Repo.services()) {
            assertThat(ServiceConfig.of(service).declaredKeys()).as("%s reads %s", service, configKey).contains(configKey);
            sources.add(rendered.environment(service).get(variable));
        }
        assertThat(sources).as("%s: where each service's %s comes from", overlay, variable)
                .containsExactly("secret:loop-personal-data/" + secretKey);
        if (overlay.equals("dev")) {
            assertThat(rendered.secretValue("loop-personal-data", secretKey)).as("dev generates a throwaway %s", secretKey).isPresent();
        } else {
            assertThat(rendered.find("Secret", "loop-personal-data")).as("prod: ops create the keys, they are never in git").isEmpty();
        }
    }

    @Test
    void dev_generates_distinct_name_and_text_keys() {
        Rendered dev = Rendered.of("dev");
        assertThat(dev.secretValue("loop-personal-data", "text-key")).as("dev text key")
                .isPresent().isNotEqualTo(dev.secretValue("loop-personal-data", "name-key"));
    }

    /** Variables the JVM reads itself (not configuration keys of the service): its options. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void sets_only_environment_variables_the_service_reads(String overlay, String service) {
        ServiceConfig config = ServiceConfig.of(service);
        List<String> unknown = new ArrayList<>();
        Rendered.of(overlay).environment(service).keySet().forEach(variable -> {
            if (config.keyOfEnv(variable).isEmpty() && !JVM_VARIABLES.contains(variable)) {
                unknown.add(variable);
            }
        });
        assertThat(unknown).as("%s: environment variables of %s (ConfigMap and env) that map to no configuration key it declares",
                overlay, service).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void database_credentials_come_from_the_secret_of_the_role_that_owns_the_database(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        ServiceConfig config = ServiceConfig.of(service);
        Map<String, String> env = rendered.environment(service);
        String database = config.databaseName();
        String cluster = Yaml.name(rendered.single("Cluster"));
        for (String variable : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
            var url = ServiceConfig.parseDatabaseUrl(env.getOrDefault(variable, "postgresql://unset/"));
            assertThat(url.database()).as("%s %s %s database", overlay, service, variable).isEqualTo(database);
            assertThat(url.host()).as("%s %s %s host: the CloudNativePG primary service", overlay, service, variable).isEqualTo(cluster + "-rw");
            assertThat(url.port()).as("%s %s %s port", overlay, service, variable).isEqualTo(5432);
        }
        String username = env.get("QUARKUS_DATASOURCE_USERNAME");
        String password = env.get("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(username).as("%s %s username from a Secret", overlay, service).startsWith("secret:").endsWith("/username");
        assertThat(password).as("%s %s password from a Secret", overlay, service).startsWith("secret:").endsWith("/password");
        String secret = username.substring("secret:".length(), username.lastIndexOf('/'));
        assertThat(password).as("%s %s user and password from one Secret", overlay, service).isEqualTo("secret:" + secret + "/password");

        JsonNode owningDatabase = rendered.ofKind("Database").stream()
                .filter(d -> d.at("/spec/name").asText().equals(database)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no CloudNativePG Database " + database + " for " + service));
        assertThat(owningDatabase.at("/spec/cluster/name").asText()).as("%s Database %s cluster", overlay, database).isEqualTo(cluster);
        String owner = owningDatabase.at("/spec/owner").asText();
        JsonNode role = null;
        for (JsonNode candidate : rendered.single("Cluster").at("/spec/managed/roles")) {
            if (candidate.path("name").asText().equals(owner)) {
                role = candidate;
            }
        }
        assertThat(role).as("%s: the Cluster manages the role %s that owns %s", overlay, owner, database).isNotNull();
        assertThat(role.path("login").asBoolean()).as("%s role %s can log in", overlay, owner).isTrue();
        assertThat(role.at("/passwordSecret/name").asText()).as("%s role %s takes its password from the Secret %s reads", overlay, owner, service)
                .isEqualTo(secret);
        rendered.find("Secret", secret).ifPresent(s -> {
            assertThat(Yaml.text(s, "/type")).as("%s Secret %s type (CloudNativePG wants basic-auth)", overlay, secret).contains("kubernetes.io/basic-auth");
            assertThat(rendered.secretValue(secret, "username")).as("%s Secret %s username", overlay, secret).contains(owner);
            assertThat(rendered.secretValue(secret, "password")).as("%s Secret %s password", overlay, secret).isPresent();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void kafka_is_the_strimzi_bootstrap_service_and_topics_belong_to_the_operator(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> env = rendered.environment(service);
        JsonNode kafka = rendered.single("Kafka");
        JsonNode listener = KafkaAccessTest.listener(rendered);
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as("%s %s KAFKA_BOOTSTRAP_SERVERS", overlay, service)
                .isEqualTo(Yaml.name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt());
        assertThat(env.get("LOOP_TOPICS_CREATE")).as("%s %s: Strimzi owns the topics, so LOOP_TOPICS_CREATE=false", overlay, service)
                .isEqualTo("false");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void image_is_learning_loop_service_with_one_release_tag(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> tags = new TreeSet<>();
        for (JsonNode deployment : rendered.ofKind("Deployment")) {
            Matcher matcher = IMAGE.matcher(rendered.container(Yaml.name(deployment)).path("image").asText());
            assertThat(matcher.matches()).as("%s %s image %s", overlay, Yaml.name(deployment), matcher).isTrue();
            tags.add(matcher.group(2));
        }
        Matcher image = IMAGE.matcher(rendered.container(service).path("image").asText());
        assertThat(image.matches()).isTrue();
        assertThat(image.group(1)).as("%s image of %s", overlay, service).isEqualTo(service);
        assertThat(tags).as("%s: every service runs the same release tag, not latest", overlay).hasSize(1).doesNotContain("latest");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void resources_are_requested_and_limited(String overlay, String service) {
        JsonNode resources = Rendered.of(overlay).container(service).path("resources");
        for (String resource : List.of("cpu", "memory")) {
            String request = Yaml.requireText(resources, "/requests/" + resource, overlay + " " + service + " request");
            String limit = Yaml.requireText(resources, "/limits/" + resource, overlay + " " + service + " limit");
            assertThat(amount(request)).as("%s %s %s request %s ≤ limit %s", overlay, service, resource, request, limit)
                    .isLessThanOrEqualTo(amount(limit));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void runs_non_root_with_a_read_only_root_filesystem_and_no_capabilities(String overlay, String service) {
        JsonNode pod = Rendered.of(overlay).get("Deployment", service).at("/spec/template/spec");
        JsonNode container = Rendered.of(overlay).container(service);
        boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(pod.at("/securityContext/runAsNonRoot").asBoolean(false));
        assertThat(nonRoot).as("%s %s runAsNonRoot", overlay, service).isTrue();
        int uid = container.at("/securityContext/runAsUser").asInt(pod.at("/securityContext/runAsUser").asInt(-1));
        assertThat(uid).as("%s %s runAsUser", overlay, service).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).as("%s %s readOnlyRootFilesystem", overlay, service).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).as("%s %s allowPrivilegeEscalation", overlay, service).isFalse();
        assertThat(Yaml.texts(container.at("/securityContext/capabilities/drop"))).as("%s %s drops capabilities", overlay, service).contains("ALL");
        assertThat(Yaml.texts(container.at("/securityContext/capabilities/add"))).as("%s %s adds no capability", overlay, service).isEmpty();
        // the only writable directory: /tmp on an emptyDir
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertThat(tmpVolume).as("%s %s mounts a volume at /tmp", overlay, service).isNotNull();
        String volumeName = tmpVolume;
        assertThat(pod.path("volumes")).as("%s %s /tmp is an emptyDir", overlay, service)
                .anySatisfy(volume -> {
                    assertThat(volume.path("name").asText()).isEqualTo(volumeName);
                    assertThat(volume.has("emptyDir")).isTrue();
                });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void grace_period_covers_the_pre_stop_pause_and_the_shutdown_timeout(String overlay, String service) {
        JsonNode pod = Rendered.of(overlay).get("Deployment", service).at("/spec/template/spec");
        JsonNode preStop = Rendered.of(overlay).container(service).at("/lifecycle/preStop");
        long pause = 0;
        if (preStop.has("sleep")) {
            pause = preStop.at("/sleep/seconds").asLong();
        } else if (preStop.has("exec")) {
            List<String> command = Yaml.texts(preStop.at("/exec/command"));
            assertThat(command).as("%s %s preStop is a pause", overlay, service).hasSize(2).first().isEqualTo("sleep");
            pause = Long.parseLong(command.get(1));
        }
        Duration shutdown = ServiceConfig.of(service).shutdownTimeout();
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        assertThat(grace).as("%s %s terminationGracePeriodSeconds ≥ preStop %d s + quarkus.shutdown.timeout %s + 5 s margin",
                overlay, service, pause, shutdown).isGreaterThanOrEqualTo(pause + shutdown.toSeconds() + 5);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void pod_monitor_scrapes_the_metrics_path_on_the_management_port(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(config.managementEnabled()).as("%s serves health and metrics on Quarkus' management interface", service).isTrue();
        JsonNode monitor = rendered.get("PodMonitor", service);
        assertThat(Rendered.selects(monitor.at("/spec/selector"), rendered.get("Deployment", service).at("/spec/template/metadata/labels")))
                .as("%s PodMonitor %s selects the pods", overlay, service).isTrue();
        JsonNode endpoint = monitor.at("/spec/podMetricsEndpoints/0");
        assertThat(endpoint.path("path").asText()).as("%s %s metrics path", overlay, service).isEqualTo(config.metricsPath());
        assertThat(containerPort(rendered.container(service), endpoint.path("port"))).as("%s %s PodMonitor port", overlay, service)
                .isEqualTo(config.managementPortOrHttpPort());
        JsonNode svc = rendered.get("Service", service);
        assertThat(svc.at("/spec/ports").size()).as("%s Service %s: the clients' port only, no health or metrics", overlay, service)
                .isEqualTo(1);
        assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(config.httpPort()).isNotEqualTo(config.managementPortOrHttpPort());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void network_policy_lets_in_http_and_prometheus_and_out_only_postgres_kafka_and_dns(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode policy = rendered.get("NetworkPolicy", service);
        assertThat(Rendered.selects(policy.at("/spec/podSelector"), rendered.get("Deployment", service).at("/spec/template/metadata/labels")))
                .as("%s NetworkPolicy %s selects the pods", overlay, service).isTrue();
        assertThat(Yaml.texts(policy.at("/spec/policyTypes"))).as("%s %s policy types", overlay, service)
                .containsExactlyInAnyOrder("Ingress", "Egress");
        Map<String, String> ingress = new java.util.TreeMap<>();
        for (JsonNode rule : policy.at("/spec/ingress")) {
            rule.path("ports").forEach(port -> ingress.put(port.path("protocol").asText("TCP") + "/" + port.path("port").asText(),
                    rule.path("from").toString()));
        }
        ServiceConfig config = ServiceConfig.of(service);
        String http = "TCP/" + config.httpPort();
        String management = "TCP/" + config.managementPortOrHttpPort();
        assertThat(ingress.keySet()).as("%s %s ingress ports", overlay, service).containsExactlyInAnyOrder(http, management);
        assertThat(ingress.get(http)).as("%s %s: clients from anywhere on the HTTP port", overlay, service).isIn("", "[]");
        JsonNode scrapers = Yaml.read(ingress.get(management));
        assertThat(scrapers.size()).as("%s %s: the management port only from the monitoring namespace", overlay, service).isEqualTo(1);
        assertThat(scrapers.at("/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .as("%s %s management port peers", overlay, service).isEqualTo("monitoring");
        assertThat(scrapers.at("/0/podSelector").isMissingNode()).isTrue();

        Map<String, Set<String>> egress = new java.util.TreeMap<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            assertThat(rule.path("to").isArray() && !rule.path("to").isEmpty()).as("%s %s egress rule names its peers: %s", overlay, service, rule).isTrue();
            for (JsonNode port : rule.path("ports")) {
                String key = port.path("protocol").asText("TCP") + "/" + port.path("port").asText();
                Set<String> peers = egress.computeIfAbsent(key, k -> new TreeSet<>());
                rule.path("to").forEach(peer -> peers.add(peer.toString()));
            }
        }
        String kafkaPort = "TCP/" + KafkaAccessTest.listener(rendered).path("port").asInt();
        assertThat(egress.keySet()).as("%s %s egress ports: PostgreSQL, Kafka's listener, DNS", overlay, service)
                .containsExactlyInAnyOrder("TCP/5432", kafkaPort, "UDP/53", "TCP/53");
        String cluster = Yaml.name(rendered.single("Cluster"));
        String kafka = Yaml.name(rendered.single("Kafka"));
        assertThat(egress.get("TCP/5432")).as("%s %s PostgreSQL peers", overlay, service)
                .allSatisfy(peer -> assertThat(Yaml.read(peer).at("/podSelector/matchLabels/cnpg.io~1cluster").asText()).isEqualTo(cluster));
        assertThat(egress.get(kafkaPort)).as("%s %s Kafka peers", overlay, service)
                .allSatisfy(peer -> assertThat(Yaml.read(peer).at("/podSelector/matchLabels/strimzi.io~1cluster").asText()).isEqualTo(kafka));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void autoscaler_and_disruption_budget_fit_the_replicas_and_partitions(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode deployment = rendered.get("Deployment", service);
        JsonNode hpa = rendered.get("HorizontalPodAutoscaler", service);
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText() + "/" + hpa.at("/spec/scaleTargetRef/name").asText())
                .as("%s HPA %s target", overlay, service).isEqualTo("Deployment/" + service);
        int min = hpa.at("/spec/minReplicas").asInt(1);
        int max = hpa.at("/spec/maxReplicas").asInt();
        int replicas = min; // the HPA owns the replicas (the_autoscaler_owns_the_replicas): never fewer than its minimum
        assertThat(max).as("%s HPA %s maxReplicas", overlay, service).isGreaterThanOrEqualTo(min);
        int partitions = rendered.ofKind("KafkaTopic").stream().mapToInt(t -> t.at("/spec/partitions").asInt()).min().orElse(1);
        assertThat(max).as("%s HPA %s maxReplicas ≤ partitions (%d): more consumers than partitions sit idle", overlay, service, partitions)
                .isLessThanOrEqualTo(partitions);

        JsonNode pdb = rendered.get("PodDisruptionBudget", service);
        assertThat(Rendered.selects(pdb.at("/spec/selector"), deployment.at("/spec/template/metadata/labels")))
                .as("%s PDB %s selects the pods", overlay, service).isTrue();
        if (pdb.at("/spec/minAvailable").isInt()) {
            assertThat(pdb.at("/spec/minAvailable").asInt()).as("%s PDB %s minAvailable < the HPA's minReplicas, or no drain ever succeeds", overlay, service)
                    .isLessThan(replicas);
        } else {
            assertThat(pdb.at("/spec/maxUnavailable").asInt()).as("%s PDB %s maxUnavailable", overlay, service).isPositive();
        }
    }

    /**
     * The HorizontalPodAutoscaler owns a Deployment's replicas: a {@code replicas} in the manifest would set them back
     * on every apply (scaling in pods the autoscaler had added under load), so no Deployment an HPA targets has one.
     */
    @ParameterizedTest
    @MethodSource("overlays")
    void the_autoscaler_owns_the_replicas(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> scaled = new TreeSet<>();
        for (JsonNode hpa : rendered.ofKind("HorizontalPodAutoscaler")) {
            if (hpa.at("/spec/scaleTargetRef/kind").asText().equals("Deployment")) {
                scaled.add(hpa.at("/spec/scaleTargetRef/name").asText());
            }
        }
        assertThat(scaled).as("%s: every service's Deployment has an autoscaler", overlay).containsAll(Repo.services());
        for (String name : scaled) {
            assertThat(rendered.get("Deployment", name).at("/spec/replicas").isMissingNode())
                    .as("%s Deployment %s sets spec.replicas although the HPA %s owns them", overlay, name, name).isTrue();
        }
    }

    /**
     * Every service's replicas spread over nodes and zones: one constraint per topology key, each counting only the
     * service's own pods. Zones are a preference everywhere (a cluster without zone labels must still schedule);
     * prod keeps replicas on different nodes as long as there are nodes (DoNotSchedule, tainted nodes not counted).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void replicas_spread_over_nodes_and_zones(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode deployment = rendered.get("Deployment", service);
        JsonNode constraints = deployment.at("/spec/template/spec/topologySpreadConstraints");
        assertThat(constraints.isArray() && !constraints.isEmpty()).as("%s %s has topologySpreadConstraints", overlay, service).isTrue();
        Map<String, JsonNode> byKey = new java.util.TreeMap<>();
        constraints.forEach(c -> byKey.put(c.path("topologyKey").asText(), c));
        assertThat(byKey.keySet()).as("%s %s spreads over", overlay, service)
                .contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
        for (JsonNode constraint : byKey.values()) {
            String key = constraint.path("topologyKey").asText();
            assertThat(constraint.path("maxSkew").asInt()).as("%s %s %s maxSkew", overlay, service, key).isEqualTo(1);
            assertThat(Rendered.selects(constraint.path("labelSelector"), deployment.at("/spec/template/metadata/labels")))
                    .as("%s %s %s counts the service's own pods", overlay, service, key).isTrue();
            for (String other : Repo.services()) {
                if (!other.equals(service)) {
                    assertThat(Rendered.selects(constraint.path("labelSelector"),
                            rendered.get("Deployment", other).at("/spec/template/metadata/labels")))
                            .as("%s %s %s counts %s's pods too", overlay, service, key, other).isFalse();
                }
            }
        }
        assertThat(byKey.get("topology.kubernetes.io/zone").path("whenUnsatisfiable").asText())
                .as("%s %s zones: a preference (nodes without a zone label would leave pods pending)", overlay, service)
                .isEqualTo("ScheduleAnyway");
        if (overlay.equals("prod")) {
            JsonNode hosts = byKey.get("kubernetes.io/hostname");
            assertThat(hosts.path("whenUnsatisfiable").asText()).as("prod %s: replicas on different nodes", service).isEqualTo("DoNotSchedule");
            assertThat(hosts.path("nodeTaintsPolicy").asText()).as("prod %s: a cordoned node is no domain (or a drain blocks)", service)
                    .isEqualTo("Honor");
        }
    }

    /**
     * The non-heap room the services need beside the heap (metaspace, code cache, thread stacks, direct buffers, GC):
     * 119–161 MiB live non-heap was measured on the running services; 192 MiB leaves a margin over that.
     */
    static final long NON_HEAP_ROOM = 192L << 20;

    /**
     * The JVM's maximum heap, from the flags it sees in the order it applies them (JAVA_TOOL_OPTIONS, then
     * JDK_JAVA_OPTIONS, then the command line — the container's command or the image's ENTRYPOINT): the last -Xmx
     * or -XX:MaxHeapSize wins over any -XX:MaxRAMPercentage, which applies to the container's memory limit (25 % by
     * default). The memory limit minus that heap must leave {@link #NON_HEAP_ROOM}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void the_heap_leaves_non_heap_room_within_the_memory_limit(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        JsonNode container = rendered.container(service);
        long limit = new Quantity(Yaml.requireText(container, "/resources/limits/memory", overlay + " " + service + " memory limit"))
                .getNumericalAmount().longValueExact();
        Map<String, String> env = rendered.environment(service);
        List<String> flags = new ArrayList<>();
        flags.addAll(words(env.get("JAVA_TOOL_OPTIONS")));
        flags.addAll(words(env.get("JDK_JAVA_OPTIONS")));
        flags.addAll(jvmCommandLine(service, container));
        long heap = maxHeap(flags, limit);
        assertThat(limit - heap).as("%s %s: memory limit %d MiB − max heap %d MiB (JVM flags %s) leaves ≥ %d MiB for non-heap",
                overlay, service, limit >> 20, heap >> 20, flags, NON_HEAP_ROOM >> 20).isGreaterThanOrEqualTo(NON_HEAP_ROOM);
    }

    /**
     * A JVM out of heap may never recover (issue 15: goal-service spun on both CPUs for minutes, answering nothing,
     * and its liveness probe is served by the same heap): it must exit, so that Kubernetes restarts it. The last of
     * -XX:+/-ExitOnOutOfMemoryError or -XX:+CrashOnOutOfMemoryError the JVM sees decides.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void a_jvm_out_of_heap_exits_and_is_restarted(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> env = rendered.environment(service);
        List<String> flags = new ArrayList<>();
        flags.addAll(words(env.get("JAVA_TOOL_OPTIONS")));
        flags.addAll(words(env.get("JDK_JAVA_OPTIONS")));
        flags.addAll(jvmCommandLine(service, rendered.container(service)));
        assertThat(exitsOutOfHeap(flags)).as("%s %s: JVM flags %s", overlay, service, flags).isTrue();
        assertThat(rendered.container(service).path("livenessProbe").isMissingNode())
                .as("%s %s has a liveness probe", overlay, service).isFalse();
    }

    @Test
    void reads_exit_on_out_of_memory_as_the_jvm_does() {
        assertThat(exitsOutOfHeap(List.of())).as("the JVM's default lingers").isFalse();
        assertThat(exitsOutOfHeap(List.of("-XX:+ExitOnOutOfMemoryError"))).isTrue();
        assertThat(exitsOutOfHeap(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:-ExitOnOutOfMemoryError"))).isFalse();
        assertThat(exitsOutOfHeap(List.of("-XX:-ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError"))).isTrue();
    }

    static boolean exitsOutOfHeap(List<String> flags) {
        boolean exit = false;
        boolean crash = false;
        for (String flag : flags) {
            switch (flag) {
                case "-XX:+ExitOnOutOfMemoryError" -> exit = true;
                case "-XX:-ExitOnOutOfMemoryError" -> exit = false;
                case "-XX:+CrashOnOutOfMemoryError" -> crash = true;
                case "-XX:-CrashOnOutOfMemoryError" -> crash = false;
                default -> { }
            }
        }
        return exit || crash;
    }

    @Test
    void reads_the_max_heap_as_the_jvm_does() {
        long limit = 512L << 20;
        assertThat(maxHeap(List.of("-XX:MaxRAMPercentage=75.0"), limit)).isEqualTo(384L << 20);
        assertThat(maxHeap(List.of(), limit)).as("the JVM's default: a quarter").isEqualTo(128L << 20);
        assertThat(maxHeap(List.of("-XX:MaxRAMPercentage=50", "-XX:MaxRAMPercentage=75.0"), limit))
                .as("JAVA_TOOL_OPTIONS' percentage loses to the command line's").isEqualTo(384L << 20);
        assertThat(maxHeap(List.of("-Xmx320m", "-XX:MaxRAMPercentage=75.0"), limit)).as("-Xmx wins over a percentage").isEqualTo(320L << 20);
        assertThat(maxHeap(List.of("-Xmx1g", "-XX:MaxHeapSize=256M"), limit)).isEqualTo(256L << 20);
        assertThat(maxHeap(List.of("-Xmx2097152k"), limit)).isEqualTo(2L << 30);
    }

    /** The JVM flags of the container's command line: its command if it sets one, else the image's ENTRYPOINT. */
    static List<String> jvmCommandLine(String service, JsonNode container) {
        List<String> command = Yaml.texts(container.path("command"));
        if (command.isEmpty()) {
            String entrypoint = DockerfileTest.instructions(DockerfileTest.dockerfile(service)).stream()
                    .filter(i -> i.startsWith("ENTRYPOINT ")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(service + "'s Dockerfile has no ENTRYPOINT"));
            command = Yaml.texts(Yaml.read(entrypoint.substring("ENTRYPOINT ".length())));
        }
        assertThat(command).as("%s's command", service).isNotEmpty();
        assertThat(command.get(0)).as("%s runs java", service).endsWith("java");
        int jar = command.indexOf("-jar");
        return command.subList(1, jar < 0 ? command.size() : jar);
    }

    static long maxHeap(List<String> flags, long memoryLimit) {
        Long explicit = null;
        double percentage = 25.0;
        for (String flag : flags) {
            if (flag.startsWith("-Xmx")) {
                explicit = jvmSize(flag.substring("-Xmx".length()));
            } else if (flag.startsWith("-XX:MaxHeapSize=")) {
                explicit = jvmSize(flag.substring("-XX:MaxHeapSize=".length()));
            } else if (flag.startsWith("-XX:MaxRAMPercentage=")) {
                percentage = Double.parseDouble(flag.substring("-XX:MaxRAMPercentage=".length()));
            }
        }
        return explicit != null ? explicit : (long) (memoryLimit * percentage / 100);
    }

    static long jvmSize(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgGtT]?)").matcher(size);
        assertThat(matcher.matches()).as("a JVM size: %s", size).isTrue();
        int shift = switch (matcher.group(2).toLowerCase()) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(matcher.group(1)) << shift;
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
    }

    /**
     * Every Kafka record's ce_dataschema is {@code <LOOP_OUTBOX_SCHEMAS_URL>/schemas/<type>}: it must name where
     * analysts reach the service's {@code GET /schemas/{type}} — the Service's cluster DNS name in the overlay's
     * namespace and its port, or the public address of an Ingress that routes to the Service — never the
     * code's default, {@code http://127.0.0.1:<port>}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void names_where_analysts_reach_the_event_schemas(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        ServiceConfig config = ServiceConfig.of(service);
        String variable = ServiceConfig.envName("loop.outbox.schemas-url");
        assertThat(config.declaredKeys()).as("%s reads loop.outbox.schemas-url", service).contains("loop.outbox.schemas-url");
        String namespace = Yaml.name(rendered.single("Namespace"));
        JsonNode svc = rendered.get("Service", service);
        Set<String> reachable = new TreeSet<>();
        reachable.add("http://" + Yaml.name(svc) + "." + namespace + ".svc:" + svc.at("/spec/ports/0/port").asInt());
        for (JsonNode ingress : rendered.ofKind("Ingress")) {
            Set<String> tlsHosts = new TreeSet<>();
            ingress.at("/spec/tls").forEach(tls -> tlsHosts.addAll(Yaml.texts(tls.path("hosts"))));
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    if (path.at("/backend/service/name").asText().equals(service)) {
                        String host = rule.path("host").asText();
                        reachable.add((tlsHosts.contains(host) ? "https://" : "http://") + host
                                + path.path("path").asText("").replaceFirst("/+$", ""));
                    }
                }
            }
        }
        assertThat(rendered.environment(service).get(variable)).as("%s %s %s", overlay, service, variable).isIn(reachable);
    }

    /**
     * Both database clients talk TLS to PostgreSQL and check whom they talk to: sslmode=verify-full (or at least
     * require) in both URLs; with verify-full, the JDBC driver's sslrootcert and the reactive client's PEM trust are
     * CloudNativePG's CA (the Secret {@code <cluster>-ca}, key ca.crt, mounted), and the reactive client verifies the
     * hostname (Vert.x refuses verify-full without it).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("overlaysAndServices")
    void the_database_connections_verify_the_server(String overlay, String service) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> env = rendered.environment(service);
        String cluster = Yaml.name(rendered.single("Cluster"));
        Map<String, String> jdbc = queryOf(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        Map<String, String> reactive = queryOf(env.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        Set<String> verifying = Set.of("verify-full", "require");
        assertThat(jdbc.get("sslmode")).as("%s %s JDBC sslmode", overlay, service).isIn(verifying);
        assertThat(reactive.get("sslmode")).as("%s %s reactive sslmode", overlay, service).isIn(verifying);
        if (overlay.equals("prod")) {
            assertThat(jdbc.get("sslmode")).as("prod %s: both clients use the same sslmode", service).isEqualTo(reactive.get("sslmode"));
        }
        Map<String, String> caFiles = secretFiles(rendered, service, cluster + "-ca");
        if ("verify-full".equals(jdbc.get("sslmode"))) {
            assertThat(caFiles.get(jdbc.get("sslrootcert"))).as("%s %s JDBC sslrootcert is the cluster CA's ca.crt, mounted", overlay, service)
                    .isEqualTo("ca.crt");
        }
        if ("verify-full".equals(reactive.get("sslmode"))) {
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM")).as("%s %s reactive PEM trust", overlay, service).isEqualTo("true");
            assertThat(caFiles.get(env.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS")))
                    .as("%s %s reactive trust is the cluster CA's ca.crt, mounted", overlay, service).isEqualTo("ca.crt");
            assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"))
                    .as("%s %s reactive hostname verification", overlay, service).isEqualTo("HTTPS");
        }
    }

    /** A URL's query parameters (none when it has no query). */
    static Map<String, String> queryOf(String url) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (url != null && url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                parameters.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return parameters;
    }

    /** The files of a Secret mounted into the service's container: path in the container → the Secret's key. */
    static Map<String, String> secretFiles(Rendered rendered, String service, String secret) {
        JsonNode pod = rendered.get("Deployment", service).at("/spec/template/spec");
        Map<String, String> files = new java.util.TreeMap<>();
        for (JsonNode volume : pod.path("volumes")) {
            if (!volume.at("/secret/secretName").asText().equals(secret)) {
                continue;
            }
            for (JsonNode mount : rendered.container(service).path("volumeMounts")) {
                if (mount.path("name").asText().equals(volume.path("name").asText())) {
                    for (JsonNode item : volume.at("/secret/items")) {
                        files.put(mount.path("mountPath").asText().replaceFirst("/$", "") + "/" + item.path("path").asText(),
                                item.path("key").asText());
                    }
                }
            }
        }
        return files;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** A probe's or Service's port (a number, or the name of a container port) as a number. */
    static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt() || port.asText().matches("\\d+")) {
            return port.asInt(Integer.parseInt(port.asText("0")));
        }
        for (JsonNode candidate : container.path("ports")) {
            if (candidate.path("name").asText().equals(port.asText())) {
                return candidate.path("containerPort").asInt();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port named " + port.asText());
    }

    static BigDecimal amount(String quantity) {
        return new Quantity(quantity).getNumericalAmount();
    }
}
