package io.creditgate.payment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the payment topics from the beginning, in a thread of its own, and keeps every record it saw: tests ask for
 * one user's events (each user's events are on one partition, in order).
 */
public final class PaymentEventsProbe implements AutoCloseable {

    private static final Map<String, PaymentEventsProbe> PROBES = new ConcurrentHashMap<>();

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** One record: its topic, key and decoded event. */
    public record Seen(String topic, String key, SpecificRecord event) {
    }

    private PaymentEventsProbe(String bootstrapServers) {
        thread = new Thread(() -> consume(bootstrapServers), "payment-events-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** The probe of a cluster, started at first use and kept for the JVM. */
    public static PaymentEventsProbe of(String bootstrapServers) {
        return PROBES.computeIfAbsent(bootstrapServers, PaymentEventsProbe::new);
    }

    private void consume(String bootstrapServers) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : List.of(Topics.PAYMENT_EVENTS, Topics.PAYMENT_NOTICES)) {
                for (int p = 0; p < Topics.DEFAULT_PARTITIONS; p++) {
                    partitions.add(new TopicPartition(topic.name(), p));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    Topic topic = record.topic().equals(Topics.PAYMENT_EVENTS.name()) ? Topics.PAYMENT_EVENTS
                            : Topics.PAYMENT_NOTICES;
                    seen.add(new Seen(record.topic(), record.key(), topic.codec().decode(record.value())));
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // closing
        }
    }

    /** Every event of {@code userId} on the payment-events topic, in order. */
    public List<SpecificRecord> paymentEvents(String userId) {
        return of(Topics.PAYMENT_EVENTS, userId);
    }

    /** Every notice about {@code userId}, in order. */
    public List<SpecificRecord> notices(String userId) {
        return of(Topics.PAYMENT_NOTICES, userId);
    }

    private List<SpecificRecord> of(Topic topic, String userId) {
        return seen.stream().filter(s -> s.topic().equals(topic.name()) && userId.equals(s.key())).map(Seen::event)
                .toList();
    }

    /** Events of one type for a user. */
    public <T extends SpecificRecord> List<T> paymentEvents(String userId, Class<T> type) {
        return paymentEvents(userId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
