package io.creditgate.platform.embedded;

import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, no ZooKeeper) inside this JVM, or the external cluster that
 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} names. Either way every topic of {@link Topics#ALL}
 * exists afterwards, with infinite retention: the topics are the log finance replays.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final String EXTERNAL_ENV = "SPRING_KAFKA_BOOTSTRAP_SERVERS";

    private final EmbeddedKafkaKraftBroker broker;
    private final String bootstrapServers;

    private LocalKafka(EmbeddedKafkaKraftBroker broker, String bootstrapServers) {
        this.broker = broker;
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
            kafka = new LocalKafka(null, external);
            log.info("Kafka: using external cluster {} ({})", external, EXTERNAL_ENV);
        } else {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, Topics.DEFAULT_PARTITIONS);
            // Transactions (Kafka Streams exactly_once_v2) need these on a one-broker cluster.
            broker.brokerProperties(Map.of(
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    "offsets.topic.replication.factor", "1",
                    "auto.create.topics.enable", "false"));
            broker.afterPropertiesSet();
            kafka = new LocalKafka(broker, broker.getBrokersAsString());
            log.info("Kafka: embedded KRaft broker listening at {}", kafka.bootstrapServers);
        }
        kafka.createTopics();
        return kafka;
    }

    /** The {@code bootstrap.servers} value to give clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics Creditgate needs where they do not exist yet. */
    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Topic topic : Topics.ALL) {
                NewTopic newTopic = new NewTopic(topic.name(), Topics.DEFAULT_PARTITIONS, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
                try {
                    admin.createTopics(java.util.List.of(newTopic)).all().get();
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
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        java.util.Set<String> wanted = new java.util.HashSet<>();
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

    @Override
    public void close() {
        if (broker != null) {
            broker.destroy();
        }
    }

    private static final class Shared {
        static final LocalKafka INSTANCE = start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close, "local-kafka-stop"));
        }
    }
}
