package org.learningloop.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates rendered objects against a schema. Core kinds: deserialized into fabric8's typed
 * Kubernetes model (from the Quarkus BOM) with unknown properties failing — fabric8's classes keep
 * unknown fields in an "additionalProperties" any-setter, which is switched off here, so a misspelt
 * or misplaced field is an error. Custom resources (Strimzi, CloudNativePG, Prometheus Operator):
 * apiVersion, kind, required fields, and the allowed fields of the parts of their spec we use.
 */
final class KubernetesSchema {

    /** "apiVersion kind" → fabric8 model class. */
    static final Map<String, Class<?>> CORE = Map.of(
            "apps/v1 Deployment", Deployment.class,
            "v1 Service", Service.class,
            "v1 ConfigMap", ConfigMap.class,
            "v1 Secret", Secret.class,
            "v1 Namespace", Namespace.class,
            "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1 Ingress", Ingress.class);

    static final ObjectMapper STRICT = JsonMapper.builder()
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE; // no catch-all: unknown fields must fail
                }
            })
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private KubernetesSchema() {
    }

    /** The problems of one object; empty when it conforms. */
    static List<String> problems(JsonNode object) {
        String id = Yaml.kind(object) + "/" + Yaml.name(object);
        String type = object.path("apiVersion").asText() + " " + Yaml.kind(object);
        List<String> problems = new ArrayList<>();
        if (Yaml.name(object).isEmpty()) {
            problems.add(id + ": no metadata.name");
        }
        Class<?> model = CORE.get(type);
        if (model != null) {
            try {
                STRICT.treeToValue(object, model);
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                StringBuilder path = new StringBuilder();
                e.getPath().forEach(reference -> path.append(reference.getFieldName() != null
                        ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]"));
                String message = e.getOriginalMessage().replaceAll(",? not marked as ignorable.*", "")
                        .replaceAll(" \\(class [^)]*\\)", "");
                problems.add(id + " does not match the Kubernetes schema of " + type + " at " + path + ": " + message);
            } catch (Exception e) {
                problems.add(id + " does not match the Kubernetes schema of " + type + ": " + e.getMessage());
            }
            return problems;
        }
        CustomResource resource = CUSTOM.get(type);
        if (resource == null) {
            problems.add(id + ": " + type + " is neither a core kind checked against fabric8's model nor a known custom resource");
            return problems;
        }
        for (String pointer : resource.required()) {
            JsonNode value = object.at(pointer);
            if (value.isMissingNode() || value.isNull()) {
                problems.add(id + ": required field " + pointer + " is missing");
            }
        }
        resource.allowed().forEach((pointer, fields) -> checkFields(id, object, pointer, fields, problems));
        return problems;
    }

    /** The allowed fields of an object at a pointer ({@code *} matches every element of an array). */
    private static void checkFields(String id, JsonNode object, String pointer, Set<String> allowed, List<String> problems) {
        for (var located : locate(object, pointer)) {
            if (!located.node().isObject()) {
                continue;
            }
            Iterator<String> names = located.node().fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    problems.add(id + ": unknown field " + located.path() + "/" + name + " (allowed: " + allowed + ")");
                }
            }
        }
    }

    private record Located(String path, JsonNode node) {
    }

    private static List<Located> locate(JsonNode root, String pointer) {
        List<Located> current = List.of(new Located("", root));
        for (String segment : pointer.substring(1).split("/")) {
            List<Located> next = new ArrayList<>();
            for (Located located : current) {
                if (segment.equals("*")) {
                    for (int i = 0; i < located.node().size(); i++) {
                        next.add(new Located(located.path() + "/" + i, located.node().get(i)));
                    }
                } else if (located.node().has(segment)) {
                    next.add(new Located(located.path() + "/" + segment, located.node().get(segment)));
                }
            }
            current = next;
        }
        return current;
    }

    private record CustomResource(List<String> required, Map<String, Set<String>> allowed) {
    }

    private static final Set<String> METADATA = Set.of("name", "namespace", "labels", "annotations");

    /** A Kubernetes topologySpreadConstraint, as the operators' CRDs embed it (Strimzi's pod template, CloudNativePG's Cluster). */
    private static final Set<String> TOPOLOGY_SPREAD = Set.of("maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector",
            "minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy", "matchLabelKeys");

    /**
     * The custom resources the manifests use, from the operators' CRDs (Strimzi 1.1/1.2 v1 API, CloudNativePG 1.26+
     * with the Barman Cloud Plugin's ObjectStore, Prometheus Operator v1): required fields, and the fields allowed
     * where we write.
     */
    private static final Map<String, CustomResource> CUSTOM = Map.ofEntries(
            Map.entry("kafka.strimzi.io/v1 Kafka", new CustomResource(
                    List.of("/spec/kafka/listeners/0/name", "/spec/kafka/listeners/0/port", "/spec/kafka/listeners/0/type",
                            "/spec/kafka/listeners/0/tls", "/spec/entityOperator/topicOperator"),
                    Map.ofEntries(
                            Map.entry("/metadata", METADATA),
                            Map.entry("/spec", Set.of("kafka", "entityOperator", "clusterCa", "clientsCa", "cruiseControl",
                                    "kafkaExporter", "maintenanceTimeWindows")),
                            Map.entry("/spec/kafka", Set.of("version", "metadataVersion", "listeners", "config", "authorization",
                                    "rack", "image", "template", "logging", "metricsConfig", "jvmOptions", "quotas",
                                    "tieredStorage", "livenessProbe", "readinessProbe", "brokerRackInitImage")),
                            Map.entry("/spec/kafka/listeners/*", Set.of("name", "port", "type", "tls", "authentication",
                                    "configuration", "networkPolicyPeers")),
                            Map.entry("/spec/kafka/listeners/*/authentication", Set.of("type", "listenerConfig", "sasl",
                                    "secrets", "enableOauthBearer", "enablePlain", "enableMetrics", "clientId",
                                    "clientSecret", "validIssuerUri", "jwksEndpointUri", "userNameClaim")),
                            Map.entry("/spec/kafka/authorization", Set.of("type", "superUsers")),
                            // type jmxPrometheusExporter needs valueFrom (a CEL rule of the CRD; checked by KafkaAndPostgresManifestsTest)
                            Map.entry("/spec/kafka/metricsConfig", Set.of("type", "valueFrom", "values")),
                            Map.entry("/spec/kafka/metricsConfig/valueFrom", Set.of("configMapKeyRef")),
                            Map.entry("/spec/kafka/metricsConfig/valueFrom/configMapKeyRef", Set.of("name", "key", "optional")),
                            Map.entry("/spec/kafkaExporter", Set.of("image", "groupRegex", "topicRegex", "groupExcludeRegex",
                                    "topicExcludeRegex", "resources", "logging", "livenessProbe", "readinessProbe",
                                    "enableSaramaLogging", "showAllOffsets", "template")),
                            Map.entry("/spec/entityOperator", Set.of("topicOperator", "userOperator", "template"))))),
            Map.entry("kafka.strimzi.io/v1 KafkaNodePool", new CustomResource(
                    List.of("/metadata/labels/strimzi.io~1cluster", "/spec/replicas", "/spec/roles/0", "/spec/storage/type"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("replicas", "roles", "storage", "resources", "jvmOptions", "template"),
                            "/spec/storage", Set.of("type", "volumes", "size", "class", "deleteClaim", "kraftMetadata"),
                            "/spec/storage/volumes/*", Set.of("id", "type", "size", "class", "deleteClaim",
                                    "kraftMetadata", "selector", "sizeLimit"),
                            "/spec/template", Set.of("podSet", "pod", "perPodService", "perPodRoute", "perPodIngress",
                                    "persistentVolumeClaim", "kafkaContainer", "initContainer"),
                            "/spec/template/pod", Set.of("metadata", "imagePullSecrets", "securityContext",
                                    "terminationGracePeriodSeconds", "affinity", "tolerations", "topologySpreadConstraints",
                                    "priorityClassName", "schedulerName", "hostAliases", "dnsPolicy", "dnsConfig",
                                    "enableServiceLinks", "tmpDirSizeLimit", "volumes", "templatedVolumes", "hostUsers"),
                            "/spec/template/pod/topologySpreadConstraints/*", TOPOLOGY_SPREAD))),
            Map.entry("kafka.strimzi.io/v1 KafkaUser", new CustomResource(
                    List.of("/metadata/labels/strimzi.io~1cluster", "/spec/authentication/type"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("authentication", "authorization", "quotas", "template"),
                            "/spec/authentication", Set.of("type", "password"),
                            "/spec/authorization", Set.of("type", "acls"),
                            "/spec/authorization/acls/*", Set.of("resource", "operations", "host", "type"),
                            "/spec/authorization/acls/*/resource", Set.of("type", "name", "patternType")))),
            Map.entry("kafka.strimzi.io/v1 KafkaTopic", new CustomResource(
                    List.of("/metadata/labels/strimzi.io~1cluster", "/spec/partitions", "/spec/replicas"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("topicName", "partitions", "replicas", "config")))),
            Map.entry("postgresql.cnpg.io/v1 Cluster", new CustomResource(
                    List.of("/spec/instances", "/spec/storage/size"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("instances", "imageName", "imageCatalogRef", "imagePullPolicy",
                                    "imagePullSecrets", "storage", "walStorage", "tablespaces", "bootstrap", "managed",
                                    "postgresql", "resources", "backup", "monitoring", "affinity",
                                    "topologySpreadConstraints", "description", "inheritedMetadata",
                                    "primaryUpdateStrategy", "primaryUpdateMethod", "enableSuperuserAccess",
                                    "superuserSecret", "enablePDB", "certificates", "replica", "externalClusters",
                                    "minSyncReplicas", "maxSyncReplicas", "startDelay", "stopDelay",
                                    "smartShutdownTimeout", "switchoverDelay", "failoverDelay", "plugins",
                                    "priorityClassName", "schedulerName", "serviceAccountTemplate", "env", "envFrom",
                                    "logLevel", "nodeMaintenanceWindow", "projectedVolumeTemplate", "seccompProfile",
                                    "ephemeralVolumeSource", "ephemeralVolumesSizeLimit", "livenessProbeTimeout",
                                    "probes", "podSecurityContext", "securityContext", "replicationSlots"),
                            "/spec/storage", Set.of("size", "storageClass", "resizeInUseVolumes", "pvcTemplate"),
                            "/spec/bootstrap", Set.of("initdb", "recovery", "pg_basebackup"),
                            "/spec/managed", Set.of("roles", "services"),
                            "/spec/managed/roles/*", Set.of("name", "ensure", "login", "passwordSecret", "comment",
                                    "superuser", "createdb", "createrole", "inherit", "replication", "bypassrls",
                                    "connectionLimit", "validUntil", "inRoles", "disablePassword"),
                            "/spec/topologySpreadConstraints/*", TOPOLOGY_SPREAD,
                            "/spec/plugins/*", Set.of("name", "enabled", "isWALArchiver", "parameters")))),
            Map.entry("postgresql.cnpg.io/v1 Database", new CustomResource(
                    List.of("/spec/name", "/spec/owner", "/spec/cluster/name"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("name", "owner", "cluster", "ensure", "databaseReclaimPolicy", "template",
                                    "encoding", "locale", "localeProvider", "localeCollate", "localeCType", "icuLocale",
                                    "icuRules", "builtinLocale", "collationVersion", "isTemplate", "allowConnections",
                                    "connectionLimit", "tablespace", "extensions", "schemas", "fdws", "servers")))),
            Map.entry("postgresql.cnpg.io/v1 ScheduledBackup", new CustomResource(
                    List.of("/spec/schedule", "/spec/cluster/name"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("suspend", "immediate", "schedule", "cluster", "backupOwnerReference", "target",
                                    "method", "pluginConfiguration", "online", "onlineConfiguration"),
                            "/spec/cluster", Set.of("name"),
                            "/spec/pluginConfiguration", Set.of("name", "parameters")))),
            // the Barman Cloud Plugin's object store (plugin-barman-cloud, config/crd/bases/barmancloud.cnpg.io_objectstores.yaml)
            Map.entry("barmancloud.cnpg.io/v1 ObjectStore", new CustomResource(
                    List.of("/spec/configuration/destinationPath"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("configuration", "retentionPolicy", "instanceSidecarConfiguration"),
                            "/spec/configuration", Set.of("destinationPath", "endpointURL", "endpointCA", "s3Credentials",
                                    "azureCredentials", "googleCredentials", "wal", "data", "tags", "historyTags", "serverName"),
                            "/spec/configuration/s3Credentials", Set.of("accessKeyId", "secretAccessKey", "sessionToken",
                                    "region", "inheritFromIAMRole"),
                            "/spec/configuration/s3Credentials/accessKeyId", Set.of("name", "key"),
                            "/spec/configuration/s3Credentials/secretAccessKey", Set.of("name", "key"),
                            "/spec/configuration/wal", Set.of("compression", "encryption", "maxParallel",
                                    "archiveAdditionalCommandArgs", "restoreAdditionalCommandArgs"),
                            "/spec/configuration/data", Set.of("compression", "encryption", "jobs", "immediateCheckpoint",
                                    "additionalCommandArgs")))),
            Map.entry("monitoring.coreos.com/v1 PodMonitor", new CustomResource(
                    List.of("/spec/selector", "/spec/podMetricsEndpoints/0/port"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("selector", "podMetricsEndpoints", "namespaceSelector", "jobLabel",
                                    "podTargetLabels", "sampleLimit", "targetLimit", "labelLimit",
                                    "attachMetadata", "scrapeProtocols"),
                            "/spec/podMetricsEndpoints/*", Set.of("port", "portNumber", "targetPort", "path", "scheme",
                                    "interval", "scrapeTimeout", "tlsConfig", "honorLabels", "honorTimestamps",
                                    "relabelings", "metricRelabelings", "params", "followRedirects", "enableHttp2",
                                    "authorization", "basicAuth", "oauth2", "bearerTokenSecret", "proxyUrl",
                                    "filterRunning"),
                            "/spec/podMetricsEndpoints/*/relabelings/*", Set.of("sourceLabels", "separator", "targetLabel",
                                    "regex", "modulus", "replacement", "action")))),
            Map.entry("monitoring.coreos.com/v1 PrometheusRule", new CustomResource(
                    List.of("/spec/groups/0/name", "/spec/groups/0/rules/0/expr"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("groups"),
                            "/spec/groups/*", Set.of("name", "interval", "rules", "limit", "partial_response_strategy",
                                    "query_offset", "labels"),
                            "/spec/groups/*/rules/*", Set.of("alert", "record", "expr", "for", "keep_firing_for",
                                    "labels", "annotations")))),
            Map.entry("monitoring.coreos.com/v1 ServiceMonitor", new CustomResource(
                    List.of("/spec/selector", "/spec/endpoints/0/port"),
                    Map.of("/metadata", METADATA,
                            "/spec", Set.of("selector", "endpoints", "namespaceSelector", "jobLabel", "targetLabels",
                                    "podTargetLabels", "sampleLimit", "targetLimit", "labelLimit",
                                    "attachMetadata", "scrapeProtocols"),
                            "/spec/endpoints/*", Set.of("port", "targetPort", "path", "scheme", "interval",
                                    "scrapeTimeout", "tlsConfig", "honorLabels", "honorTimestamps", "relabelings",
                                    "metricRelabelings", "params", "followRedirects", "enableHttp2",
                                    "authorization", "basicAuth", "oauth2", "bearerTokenSecret", "proxyUrl")))));
}
