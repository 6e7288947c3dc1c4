package io.creditgate.ledger.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Publishes a usage record the ledger cannot fold to {@link Topics#USAGE_DEAD_LETTER}, unchanged (key, value bytes,
 * headers) plus the {@link DeadLetterHeaders}, and waits for the broker's acknowledgement: the caller commits the
 * record's offset only after this returns, so a crash in between redelivers the record (at least once into the
 * dead-letter topic; a duplicate there is harmless, re-ingestion is idempotent by eventId). Throws when the publish
 * fails, which makes the listener retry its poll rather than lose the record.
 *
 * <p>Spring Kafka's {@link DeadLetterPublishingRecoverer} does the publishing (original headers kept, its
 * {@code kafka_dlt-*} headers added, send result verified), called by the listener itself rather than by the
 * container's error handler: see decision 44.
 */
@Component
public class DeadLetters implements DisposableBean {

    /** The metric, tagged {@code reason}. */
    public static final String METRIC = "creditgate.ledger.usage.dead.lettered";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    DeadLetters(KafkaProperties kafka, MeterRegistry registry, Clock clock) {
        Map<String, Object> config = kafka.buildProducerProperties();
        // The dead letter must be on the broker before the offset moves on: every replica, no duplicates from retries.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producers = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.registry = registry;
        // Partition -1: the producer partitions by key (the user id), as on the usage topic.
        this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, failure) -> new TopicPartition(Topics.USAGE_DEAD_LETTER.name(), -1));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
        // The failure is ours, not a bug: a stack trace says nothing the reason headers do not.
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.setLogRecoveryRecord(false);
        recoverer.addHeadersFunction((record, failure) -> headers(record, poisonOf(failure), clock));
    }

    /**
     * Publishes {@code record} with the reason {@code poison} and waits for the acknowledgement.
     *
     * @param consumer the listener's consumer: its group id goes into the {@code kafka_dlt-original-consumer-group} header
     * @throws org.springframework.kafka.KafkaException when the dead letter could not be published (retry the poll)
     */
    public void publish(ConsumerRecord<String, byte[]> record, Consumer<?, ?> consumer, Poison poison) {
        recoverer.accept(record, consumer, new PoisonRecordException(poison));
        counter(poison.reason()).increment();
        log.error("dead-lettered the usage record at {}-{}@{} (event {}, user {}) to {}: {} ({})", record.topic(),
                record.partition(), record.offset(), poison.eventId(), poison.userId(), Topics.USAGE_DEAD_LETTER,
                poison.reason(), poison.message());
    }

    /** The counter of a reason; registered on first use (the reasons are a short fixed list). */
    Counter counter(String reason) {
        return counters.computeIfAbsent(reason, tag -> Counter.builder(METRIC).tag("reason", tag)
                .description("usage records the ledger cannot fold, published to " + Topics.USAGE_DEAD_LETTER)
                .register(registry));
    }

    private static Poison poisonOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison.poison();
            }
        }
        return Poison.unreadable(String.valueOf(failure));
    }

    private static Headers headers(ConsumerRecord<?, ?> record, Poison poison, Clock clock) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, poison.reason());
        add(headers, DeadLetterHeaders.MESSAGE, poison.message());
        add(headers, DeadLetterHeaders.ID, poison.eventId() != null ? poison.eventId()
                : DeadLetterHeaders.positionId(record.topic(), record.partition(), record.offset()));
        add(headers, DeadLetterHeaders.USER_ID, poison.userId());
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, record.topic());
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(record.partition()));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(record.offset()));
        add(headers, DeadLetterHeaders.AT, clock.instant().toString());
        return headers;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
