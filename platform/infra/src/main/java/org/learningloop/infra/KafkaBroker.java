package org.learningloop.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run as a
 * child JVM from Apache Kafka's own jars. The classpath of those jars is recorded when this module
 * is built, so the broker needs nothing installed beyond a JDK and the local Maven repository.
 *
 * <p>The broker keeps its ports and data directory across {@link #stop()} and {@link #start()}, so
 * a test can take it away and bring it back as a real outage would.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final String STARTED_MESSAGE = "Kafka Server started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private final String classpath;
    private Process process;

    private KafkaBroker(Path workDir, int port, int controllerPort) {
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = workDir.resolve("broker.log");
        this.classpath = recordedClasspath();
    }

    /**
     * Prepares a broker in {@code workDir} (formatting its storage the first time) and starts it.
     *
     * @param port the client port; 0 picks a free one
     */
    public static KafkaBroker start(Path workDir, int port) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a free port can be taken by another process before the broker binds it: try fresh ones
        int attempts = port == 0 ? 3 : 1;
        for (int attempt = 1; ; attempt++) {
            KafkaBroker broker = new KafkaBroker(workDir.toAbsolutePath(), port == 0 ? freePort() : port, freePort());
            try {
                broker.formatIfNeeded();
                broker.start();
                return broker;
            } catch (IllegalStateException e) {
                if (attempt >= attempts) {
                    throw e;
                }
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker process and waits until it reports that it has started. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        writeConfig();
        long logOffset = logSize();
        process = launch(List.of("kafka.Kafka", config().toString()), ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        awaitStarted(logOffset);
    }

    /** Stops the broker gracefully (as SIGTERM would), keeping its data for a later {@link #start()}. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
        awaitPortClosed();
    }

    @Override
    public void close() {
        stop();
    }

    private void formatIfNeeded() {
        Path data = workDir.resolve("data");
        if (Files.exists(data.resolve("meta.properties"))) {
            return;
        }
        writeConfig();
        Process format = launch(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", newClusterId(), "-c", config().toString()), ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private Process launch(List<String> mainAndArgs, ProcessBuilder.Redirect output) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dlog4j2.level=warn",
                "-cp", classpath));
        command.addAll(mainAndArgs);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start a JVM for " + mainAndArgs.get(0), e);
        }
    }

    private void awaitStarted(long logOffset) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with " + process.exitValue() + "; see " + logFile);
            }
            if (logSince(logOffset).contains(STARTED_MESSAGE) && accepts(port)) {
                return;
            }
            sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT + "; see " + logFile);
    }

    private void awaitPortClosed() {
        Instant deadline = Instant.now().plusSeconds(10);
        while (accepts(port) && Instant.now().isBefore(deadline)) {
            sleep(50);
        }
    }

    private Path config() {
        return workDir.resolve("server.properties");
    }

    private void writeConfig() {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + workDir.resolve("data"),
                "auto.create.topics.enable=false",
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1",
                "") ;
        try {
            Files.writeString(config(), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logSince(long offset) {
        try (InputStream in = Files.newInputStream(logFile)) {
            in.skipNBytes(Math.min(offset, Files.size(logFile)));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String recordedClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + CLASSPATH_RESOURCE + ": build platform/infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random base64url UUID, as Kafka makes them: never starting with '-', which a command line would take for an option. */
    private static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
