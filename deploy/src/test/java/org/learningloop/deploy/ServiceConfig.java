package org.learningloop.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one service's code says about how it must be deployed: the configuration keys it declares
 * (its application.properties, the platform's META-INF/microprofile-config.properties, the loop.*
 * keys of LoopConfig, and the few well-known keys listed below), its port, database, topics, health
 * and metrics paths, and shutdown timeout. Read from the working tree, so a change to a service
 * is seen at once.
 */
final class ServiceConfig {

    static final String PLATFORM_DEFAULTS = "platform/core/src/main/resources/META-INF/microprofile-config.properties";

    /**
     * Keys that Quarkus or the Kafka connector read without a service having to declare them, which a
     * deployment may legitimately set. Each is listed on purpose; anything else a deployment sets must
     * be declared by the service.
     */
    static final Set<String> WELL_KNOWN_KEYS = Set.of(
            // Quarkus core: the HTTP port (the services declare it too) and the interface (0.0.0.0 by default in prod)
            "quarkus.http.port",
            "quarkus.http.host",
            // Quarkus logging: the root level, for diagnosing an installation
            "quarkus.log.level",
            // the Kafka connector's default broker list (the platform declares it too)
            "kafka.bootstrap.servers",
            // the identity provider: the platform's defaults read them as ${LOOP_OIDC_ISSUER} and ${LOOP_OIDC_AUDIENCE}
            "loop.oidc.issuer",
            "loop.oidc.audience",
            // Quarkus' reactive PostgreSQL client (DataSourceReactiveRuntimeConfig): the server's CA and hostname
            // verification, which sslmode=verify-full in the reactive URL needs (the JDBC URL carries sslrootcert itself)
            "quarkus.datasource.reactive.trust-certificate-pem",
            "quarkus.datasource.reactive.trust-certificate-pem.certs",
            "quarkus.datasource.reactive.hostname-verification-algorithm");

    private final String name;
    private final Map<String, String> effective;
    private final Set<String> declared;

    private ServiceConfig(String name) {
        this.name = name;
        Map<String, String> platform = withoutProfiles(readProperties(Repo.path(PLATFORM_DEFAULTS)));
        Map<String, String> own = withoutProfiles(readProperties(Repo.path(name).resolve("src/main/resources/application.properties")));
        Map<String, String> merged = new LinkedHashMap<>();
        LoopConfigKeys.all().forEach((key, value) -> value.ifPresent(v -> merged.put(key, v)));
        merged.putAll(platform);
        merged.putAll(own);
        Map<String, String> expanded = new LinkedHashMap<>();
        merged.forEach((key, value) -> expanded.put(key, expand(value, merged, 0)));
        this.effective = Map.copyOf(expanded);
        Set<String> keys = new TreeSet<>();
        keys.addAll(platform.keySet());
        keys.addAll(own.keySet());
        keys.addAll(LoopConfigKeys.all().keySet());
        keys.addAll(WELL_KNOWN_KEYS);
        this.declared = Set.copyOf(keys);
    }

    static ServiceConfig of(String service) {
        return new ServiceConfig(service);
    }

    String name() {
        return name;
    }

    /** The value of {@code key} as the service sees it without environment overrides. */
    Optional<String> value(String key) {
        return Optional.ofNullable(effective.get(key));
    }

    String require(String key) {
        return value(key).orElseThrow(() -> new AssertionError(name + " does not configure " + key));
    }

    Set<String> declaredKeys() {
        return declared;
    }

    /**
     * The declared key that an environment variable sets (MicroProfile Config: a property's
     * environment form is its name with every non-alphanumeric character replaced by {@code _},
     * upper-cased); empty when the variable sets nothing the service reads.
     */
    Optional<String> keyOfEnv(String variable) {
        return declared.stream().filter(key -> envName(key).equals(variable)).findFirst()
                .or(() -> kafkaClientKey(variable));
    }

    /**
     * A {@code KAFKA_*} variable that names a Kafka client setting ({@code KAFKA_SASL_JAAS_CONFIG} is
     * {@code kafka.sasl.jaas.config}): every service passes all of them to all its Kafka clients
     * (KafkaClientConfig), so the settings Kafka's own clients define are what such a variable may name.
     */
    static Optional<String> kafkaClientKey(String variable) {
        if (!variable.startsWith("KAFKA_")) {
            return Optional.empty();
        }
        String setting = variable.substring("KAFKA_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        return KAFKA_CLIENT_SETTINGS.contains(setting) ? Optional.of("kafka." + setting) : Optional.empty();
    }

    private static final Set<String> KAFKA_CLIENT_SETTINGS = kafkaClientSettings();

    private static Set<String> kafkaClientSettings() {
        Set<String> settings = new TreeSet<>(org.apache.kafka.clients.producer.ProducerConfig.configNames());
        settings.addAll(org.apache.kafka.clients.consumer.ConsumerConfig.configNames());
        settings.addAll(org.apache.kafka.clients.admin.AdminClientConfig.configNames());
        return Set.copyOf(settings);
    }

    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port").orElse("8080"));
    }

    /** Health and metrics are served on the management port when the management interface is on. */
    int managementPortOrHttpPort() {
        return managementEnabled() ? Integer.parseInt(value("quarkus.management.port").orElse("9000")) : httpPort();
    }

    boolean managementEnabled() {
        return Boolean.parseBoolean(value("quarkus.management.enabled").orElse("false"));
    }

    /** The database named by both datasource URLs (they must agree). */
    String databaseName() {
        String reactive = databaseOf(require("quarkus.datasource.reactive.url"));
        String jdbc = databaseOf(require("quarkus.datasource.jdbc.url"));
        if (!reactive.equals(jdbc)) {
            throw new AssertionError(name + ": the reactive URL names database " + reactive + ", the JDBC URL " + jdbc);
        }
        return reactive;
    }

    /** host, port and database of a {@code postgresql://} or {@code jdbc:postgresql://} URL. */
    static DatabaseUrl parseDatabaseUrl(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri = URI.create(plain);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new AssertionError("not a PostgreSQL URL: " + url);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.replaceFirst("^/", ""));
    }

    record DatabaseUrl(String host, int port, String database) {
    }

    private static String databaseOf(String url) {
        return parseDatabaseUrl(url).database();
    }

    // ---- topics ----------------------------------------------------------------------------

    Optional<String> outboxTopic() {
        boolean enabled = Boolean.parseBoolean(value("loop.outbox.enabled").orElse("true"));
        return enabled ? value("loop.outbox.topic") : Optional.empty();
    }

    /**
     * Every topic the service makes sure exists: {@code loop.topics.ensure}, and {@code loop.keys} (ADR 18), which
     * TopicSetup adds in every service (compacted, {@link org.learningloop.platform.runtime.TopicSetup#KEYS_TOPIC_CONFIG}).
     */
    Set<String> ensuredTopics() {
        Set<String> topics = split(require("loop.topics.ensure"));
        topics.add(org.learningloop.platform.privacy.TextKeys.TOPIC);
        return topics;
    }

    /** Topics the service's incoming channels read ({@code mp.messaging.incoming.<channel>.topic(s)}). */
    Set<String> incomingTopics() {
        Set<String> topics = new TreeSet<>();
        for (var entry : effective.entrySet()) {
            Matcher matcher = INCOMING_TOPIC.matcher(entry.getKey());
            if (matcher.matches()) {
                topics.addAll(split(entry.getValue()));
            }
        }
        // a channel without topic/topics reads the topic named like the channel
        for (String channel : incomingChannels()) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if (!effective.containsKey(prefix + "topic") && !effective.containsKey(prefix + "topics")) {
                topics.add(channel);
            }
        }
        return topics;
    }

    /** Dead-letter topics of the incoming channels that use the dead-letter-queue failure strategy. */
    Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        for (String channel : incomingChannels()) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            if ("dead-letter-queue".equals(effective.get(prefix + "failure-strategy"))) {
                // SmallRye's default dead-letter topic is dead-letter-topic-<channel>
                topics.add(effective.getOrDefault(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + channel));
            }
        }
        return topics;
    }

    /** Every topic the service writes or reads. */
    Set<String> usedTopics() {
        Set<String> topics = new TreeSet<>(incomingTopics());
        topics.addAll(deadLetterTopics());
        outboxTopic().ifPresent(topics::add);
        // reporting-service's projections: their topics and dead letters
        value("loop.projections.topics").map(ServiceConfig::split).ifPresent(topics::addAll);
        value("loop.projections.dead-letter-topic").ifPresent(topics::add);
        return topics;
    }

    Set<String> incomingChannels() {
        Set<String> channels = new TreeSet<>();
        for (String key : effective.keySet()) {
            Matcher matcher = INCOMING_CHANNEL.matcher(key);
            if (matcher.matches()) {
                channels.add(matcher.group(1));
            }
        }
        return channels;
    }

    private static final Pattern INCOMING_CHANNEL = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    private static final Pattern INCOMING_TOPIC = Pattern.compile("mp\\.messaging\\.incoming\\.[^.]+\\.topics?");

    // ---- health, metrics, shutdown -----------------------------------------------------------

    /** Whether the service has SmallRye Health and Micrometer's Prometheus registry (through loop-platform). */
    boolean servesHealthAndMetrics() {
        List<String> platform = Repo.dependencies("platform/core");
        return Repo.dependencies(name).contains("loop-platform")
                && platform.contains("quarkus-smallrye-health")
                && platform.contains("quarkus-micrometer-registry-prometheus");
    }

    String livenessPath() {
        return healthPath("quarkus.smallrye-health.liveness-path", "live");
    }

    String readinessPath() {
        return healthPath("quarkus.smallrye-health.readiness-path", "ready");
    }

    String startupPath() {
        return healthPath("quarkus.smallrye-health.startup-path", "started");
    }

    Set<String> healthPaths() {
        return new LinkedHashSet<>(List.of(healthRoot(), livenessPath(), readinessPath(), startupPath()));
    }

    String metricsPath() {
        return resolve(nonApplicationRoot(), value("quarkus.micrometer.export.prometheus.path").orElse("metrics"));
    }

    Duration shutdownTimeout() {
        return parseDuration(value("quarkus.shutdown.timeout")
                .orElseThrow(() -> new AssertionError(name + ": no quarkus.shutdown.timeout, so shutdown does not wait for in-flight work")));
    }

    private String healthPath(String key, String fallback) {
        return resolve(healthRoot(), value(key).orElse(fallback));
    }

    private String healthRoot() {
        return resolve(nonApplicationRoot(), value("quarkus.smallrye-health.root-path").orElse("health"));
    }

    /** Quarkus: a relative non-application root is under the HTTP root path, an absolute one is not. */
    private String nonApplicationRoot() {
        if (managementEnabled()) {
            return resolve("/", value("quarkus.management.root-path").orElse("q"));
        }
        String httpRoot = value("quarkus.http.root-path").orElse("/");
        return resolve(httpRoot, value("quarkus.http.non-application-root-path").orElse("q"));
    }

    private static String resolve(String base, String path) {
        String joined = path.startsWith("/") ? path : base.replaceAll("/+$", "") + "/" + path;
        return joined.replaceAll("/{2,}", "/").replaceAll("(.)/$", "$1");
    }

    /** Quarkus durations: a number with a unit (20s, 500ms, 1m, 2h), a bare number of seconds, or ISO-8601. */
    static Duration parseDuration(String text) {
        String value = text.trim();
        Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h|d)?").matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(value.startsWith("P") ? value : "PT" + value);
    }

    // ---- reading ----------------------------------------------------------------------------

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    /**
     * A value with its property expressions resolved as SmallRye Config does: {@code ${key}} is the value of
     * {@code key}, {@code ${key:default}} falls back to the default (the platform's
     * {@code group.id=${loop.service-name}.text-keys}). An expression that names no known key and has no default
     * stays as written.
     */
    static String expand(String value, Map<String, String> properties, int depth) {
        if (value == null || !value.contains("${") || depth > 10) {
            return value;
        }
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String resolved = properties.containsKey(matcher.group(1))
                    ? expand(properties.get(matcher.group(1)), properties, depth + 1)
                    : matcher.group(2) != null ? expand(matcher.group(2), properties, depth + 1) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(key -> map.put(key, properties.getProperty(key).trim()));
        return map;
    }

    /** Keys for a profile other than prod (%dev., %test.) do not apply in a deployment; %prod. ones do. */
    private static Map<String, String> withoutProfiles(Map<String, String> properties) {
        Map<String, String> result = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith("%")) {
                result.putIfAbsent(key, value);
            }
        });
        properties.forEach((key, value) -> {
            if (key.startsWith("%prod.")) {
                result.put(key.substring("%prod.".length()), value);
            }
        });
        return result;
    }

    static Set<String> split(String list) {
        Set<String> items = new TreeSet<>();
        Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }

    @Override
    public String toString() {
        return name;
    }
}
