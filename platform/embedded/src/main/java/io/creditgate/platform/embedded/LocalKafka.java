package io.creditgate.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, no ZooKeeper, broker and controller in one node) inside this JVM, or
 * the external cluster that {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} names. Either way every topic of
 * {@link Topics#ALL} exists afterwards, with infinite retention: the topics are the log finance replays.
 *
 * <p>{@link #stop()} and {@link #restart()} let failure tests take the broker away and bring it back on
 * the same port with the same log directory, so the events written before the outage are still there
 * and clients reconnect by themselves, as they would after a real broker restart.
 */
public final class LocalKafka implements AutoCloseable {

    /** Where {@link #clientPort()} looks: below every common ephemeral range, above the well-known services. */
    static final int CLIENT_PORT_MIN = 20_000;
    static final int CLIENT_PORT_MAX = 32_000;
    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String EXTERNAL_ENV = "SPRING_KAFKA_BOOTSTRAP_SERVERS";
    /**
     * The test kit binds its own listeners (EXTERNAL for brokers, CONTROLLER) to sockets it opens on free
     * ports; clients get a listener of their own, on a port this class chooses and keeps across restarts.
     */
    private static final String CLIENT_LISTENER = "CLIENT";

    /** Null when the cluster is external. */
    private final TestKitNodes nodes;
    private final int port;
    private final String bootstrapServers;
    private KafkaClusterTestKit cluster;

    private LocalKafka(TestKitNodes nodes, int port, String bootstrapServers) {
        this.nodes = nodes;
        this.port = port;
        this.bootstrapServers = bootstrapServers;
    }

    /** The broker of this JVM, started on first use and stopped when the JVM exits. */
    public static LocalKafka shared() {
        return Shared.INSTANCE;
    }

    /** Starts a broker of its own on a free port (or connects to the external one). */
    public static LocalKafka start() {
        String external = System.getenv(EXTERNAL_ENV);
        LocalKafka kafka;
        if (external != null && !external.isBlank()) {
            kafka = new LocalKafka(null, -1, external);
            log.info("Kafka: using external cluster {} ({})", external, EXTERNAL_ENV);
        } else {
            keepKafkaFromExitingTheJvm();
            int port = clientPort();
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            kafka = new LocalKafka(nodes, port, "localhost:" + port);
            kafka.startCluster(true);
            log.info("Kafka: embedded KRaft broker listening at {} (data in {})", kafka.bootstrapServers,
                    nodes.baseDirectory());
        }
        kafka.createTopics();
        return kafka;
    }

    /**
     * A free port for the client listener, below the ephemeral ranges of Linux (32768–60999) and macOS (49152–65535).
     * The broker binds it only after its controller and inter-broker listeners took ports of their own with port 0,
     * and those come from the ephemeral range: a port found free there (the usual {@code new ServerSocket(0)}) could
     * be handed to one of them in between, and the broker then failed to start ("Unable to start acceptor for
     * CLIENT"). Outside that range only an explicit bind can take it.
     */
    static int clientPort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(CLIENT_PORT_MIN, CLIENT_PORT_MAX + 1);
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress("localhost", candidate));
                return candidate;
            } catch (java.io.IOException taken) {
                // Try another.
            }
        }
        throw new IllegalStateException("No free port between " + CLIENT_PORT_MIN + " and " + CLIENT_PORT_MAX
                + " for the embedded Kafka broker");
    }

    /** The {@code bootstrap.servers} value to give clients; the same after a {@link #restart()}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Shuts the embedded broker down, keeping its log directory; clients see it unreachable until
     * {@link #restart()}.
     */
    public synchronized void stop() {
        requireEmbedded();
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded Kafka broker", e);
        } finally {
            cluster = null;
        }
        log.info("Kafka: embedded broker at {} stopped", bootstrapServers);
    }

    /** Starts the embedded broker again on the same port, from the same log directory (topics and events kept). */
    public synchronized void restart() {
        requireEmbedded();
        if (cluster != null) {
            return;
        }
        startCluster(false);
        log.info("Kafka: embedded broker at {} restarted", bootstrapServers);
    }

    private synchronized void startCluster(boolean format) {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                    // Clients connect through a listener of their own on a fixed port, so they find the broker
                    // again after a restart; the inter-broker and controller listeners take free ports each time
                    // (only this node talks to them).
                    .setConfigProp("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,"
                            + CLIENT_LISTENER + "://localhost:" + port)
                    .setConfigProp("listener.security.protocol.map",
                            "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + CLIENT_LISTENER + ":PLAINTEXT")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("delete.topic.enable", "true")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("num.partitions", Integer.toString(Topics.DEFAULT_PARTITIONS))
                    // Transactions (Kafka Streams exactly_once_v2) need these on a one-broker cluster.
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    // stop() keeps the data; close() deletes it.
                    .setDeleteOnClose(false);
            KafkaClusterTestKit started = builder.build();
            if (format) {
                started.format();
            }
            started.startup();
            started.waitForReadyBrokers();
            cluster = started;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker on port " + port, e);
        }
    }

    /**
     * Kafka calls {@code Exit.exit} on fatal errors; inside a test or the platform that must not end the
     * whole JVM, so the call is logged instead.
     */
    private static void keepKafkaFromExitingTheJvm() {
        Exit.setExitProcedure((status, message) -> log.warn("Kafka asked to exit the JVM ({}): {}", status, message));
        Exit.setHaltProcedure((status, message) -> log.warn("Kafka asked to halt the JVM ({}): {}", status, message));
    }

    private void requireEmbedded() {
        if (nodes == null) {
            throw new IllegalStateException("Kafka is external (" + EXTERNAL_ENV + "); it cannot be stopped from here");
        }
    }

    /** Creates the topics Creditgate needs where they do not exist yet. */
    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Topic topic : Topics.ALL) {
                NewTopic newTopic = new NewTopic(topic.name(), Topics.DEFAULT_PARTITIONS, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + topic.name(), e.getCause());
                    }
                }
            }
            awaitMetadata(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        }
    }

    /** A created topic reaches the brokers' metadata a moment after the controller: wait for it. */
    private static void awaitMetadata(Admin admin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Set<String> wanted = new HashSet<>();
        Topics.ALL.forEach(topic -> wanted.add(topic.name()));
        while (System.nanoTime() < deadline) {
            try {
                if (admin.listTopics().names().get().containsAll(wanted)) {
                    return;
                }
            } catch (ExecutionException e) {
                // The broker is still starting; ask again.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Topics " + wanted + " did not appear within 30 s");
    }

    /** Stops the embedded broker and deletes its data. */
    @Override
    public synchronized void close() {
        if (nodes == null) {
            return;
        }
        stop();
        deleteRecursively(Path.of(nodes.baseDirectory()));
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the Kafka data in " + directory, e);
        }
    }

    private static final class Shared {
        static final LocalKafka INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "local-kafka-stop"));
        }
    }
}
