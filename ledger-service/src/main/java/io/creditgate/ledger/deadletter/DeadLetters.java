package io.creditgate.ledger.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Publishes a record of an input topic the ledger cannot fold to that topic's dead-letter topic
 * ({@link Topics#USAGE_DEAD_LETTER}, {@link Topics#PAYMENT_DEAD_LETTER}), unchanged (key, value bytes, headers) plus
 * the {@link DeadLetterHeaders}, and waits for the broker's acknowledgement: the record's offset is committed only
 * after this returns, so a crash in between redelivers the record (at least once into the dead-letter topic; a
 * duplicate there is harmless, re-ingestion is idempotent by eventId). Throws when the publish fails, which makes the
 * consumer retry rather than lose the record.
 *
 * <p>Spring Kafka's {@link DeadLetterPublishingRecoverer} does the publishing (original headers kept, its
 * {@code kafka_dlt-*} headers added, send result verified): called by the usage listener itself, and as the payment
 * container's error-handler recoverer ({@link #recoverer()}). Decision 44 says why the two differ.
 */
@Component
public class DeadLetters implements DisposableBean {

    /** The metrics, tagged {@code reason}: usage and payment records dead-lettered. */
    public static final String USAGE_METRIC = "creditgate.ledger.usage.dead.lettered";
    public static final String PAYMENT_METRIC = "creditgate.ledger.payment.dead.lettered";
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
                (record, failure) -> new TopicPartition(deadLetterTopicOf(record.topic()).name(), -1));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setWaitForSendResultTimeout(Duration.ofSeconds(30));
        // The failure is ours, not a bug: a stack trace says nothing the reason headers do not.
        recoverer.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        recoverer.setLogRecoveryRecord(false);
        recoverer.addHeadersFunction((record, failure) -> headers(record, poisonOf(record, failure), clock));
    }

    /**
     * Publishes {@code record} with the reason {@code poison} and waits for the acknowledgement.
     *
     * @param consumer the listener's consumer: its group id goes into the {@code kafka_dlt-original-consumer-group} header
     * @throws org.springframework.kafka.KafkaException when the dead letter could not be published (retry the poll)
     */
    public void publish(ConsumerRecord<String, byte[]> record, Consumer<?, ?> consumer, Poison poison) {
        recoverer.accept(record, consumer, new PoisonRecordException(poison));
        counted(record, poison);
    }

    /**
     * The recoverer of a record container's error handler: the failure that reached it (a {@link PoisonRecordException},
     * an account rule broken) becomes the reason headers.
     */
    public ConsumerAwareRecordRecoverer recoverer() {
        return (record, consumer, failure) -> {
            recoverer.accept(record, consumer, failure);
            counted(record, poisonOf(record, failure));
        };
    }

    private void counted(ConsumerRecord<?, ?> record, Poison poison) {
        String metric = Topics.USAGE_EVENTS.name().equals(record.topic()) ? USAGE_METRIC : PAYMENT_METRIC;
        counters.computeIfAbsent(metric + "/" + poison.reason(), key -> Counter.builder(metric).tag("reason", poison.reason())
                .description("records the ledger cannot fold, published to their dead-letter topic").register(registry))
                .increment();
        log.error("dead-lettered the record at {}-{}@{} (event {}, user {}) to {}: {} ({})", record.topic(),
                record.partition(), record.offset(), poison.eventId(), poison.userId(), deadLetterTopicOf(record.topic()),
                poison.reason(), poison.message());
    }

    private static Topic deadLetterTopicOf(String topic) {
        Topic deadLetters = Topics.deadLetterOf(topic);
        if (deadLetters == null) {
            throw new IllegalStateException("the ledger has no dead-letter topic for " + topic);
        }
        return deadLetters;
    }

    /** The poison a failure names; an account rule broken is {@code rejected}, with the event's ids when it decodes. */
    static Poison poisonOf(ConsumerRecord<?, ?> record, Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoisonRecordException poison) {
                return poison.poison();
            }
            if (t instanceof CommandRejectedException || t instanceof AggregateNotFoundException) {
                message = t.getMessage();
                break;
            }
        }
        SpecificRecord event = decode(record);
        return Poison.rejected(message, field(event, "eventId"), field(event, "userId"));
    }

    private static SpecificRecord decode(ConsumerRecord<?, ?> record) {
        Topic source = Topics.USAGE_EVENTS.name().equals(record.topic()) ? Topics.USAGE_EVENTS : Topics.PAYMENT_EVENTS;
        try {
            return record.value() instanceof byte[] bytes ? source.codec().decode(bytes) : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** A text field of an event by name (every Creditgate event has {@code eventId} and {@code userId}); null if none. */
    static String field(SpecificRecord event, String name) {
        if (event == null || event.getSchema().getField(name) == null) {
            return null;
        }
        Object value = event.get(event.getSchema().getField(name).pos());
        return value == null ? null : value.toString();
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
