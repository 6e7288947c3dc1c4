package io.creditgate.ledger.kafka;

import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.ledger.deadletter.PoisonRecordException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener containers of the ledger's input topics, with one rule for failures:
 * <ul>
 *   <li>a record that can never succeed (unreadable bytes, an invalid user id, a command that breaks an account rule
 *       or names an account that does not exist) goes, unchanged, to the topic's dead-letter topic before its offset
 *       is committed (decision 44), so it never blocks its partition and is never lost;</li>
 *   <li>anything else (PostgreSQL down, a concurrent writer) is retried with backoff (0.2 s doubling to 30 s),
 *       without limit, and never dead-lettered: the money moved already and must be recorded, and later records of
 *       the user wait behind it.</li>
 * </ul>
 * The listeners get each record's bytes as they are on the topic and decode them themselves: a dead letter must carry
 * the original bytes, which a deserializer would have turned into an object.
 *
 * <p>Every consumer reports the Kafka client's own metrics (Micrometer's {@code kafka.consumer.*}, among them
 * {@code kafka.consumer.fetch.manager.records.lag.max}: how far the ledger is behind its input, which the operations
 * alert CreditgateConsumerLag watches). A consumer factory built by hand gets none of them unless it is told.
 */
public final class IntakeErrorHandling {

    /**
     * A container of one record per call: the listener throws {@link PoisonRecordException} (or an account rule
     * throws) for a record that can never succeed, and {@code deadLetters} publishes it; anything else is retried.
     */
    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> rawRecordContainerFactory(KafkaProperties kafka,
            MeterRegistry meters, ConsumerAwareRecordRecoverer deadLetters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = rawContainerFactory(kafka, meters);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff());
        handler.addNotRetryableExceptions(PoisonRecordException.class, CommandRejectedException.class,
                AggregateNotFoundException.class);
        // The offset of a dead-lettered record is committed after the recoverer returned (it waited for the broker):
        // the error handler's ackAfterHandle, true by default. A recoverer that throws leaves the record to be retried.
        factory.setCommonErrorHandler(handler);
        return factory;
    }

    /**
     * A batch container: the listener dead-letters what can never succeed itself (a poll is one transaction, decision
     * 32), so whatever it throws is transient and the poll is retried whole, with the backoff above and without limit.
     */
    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> rawBatchContainerFactory(KafkaProperties kafka,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = rawContainerFactory(kafka, meters);
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff()));
        factory.setBatchListener(true);
        return factory;
    }

    private static ConcurrentKafkaListenerContainerFactory<String, byte[]> rawContainerFactory(KafkaProperties kafka,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumerFactory(kafka, meters));
        return factory;
    }

    /** The consumers of the ledger's input topics: the records' bytes, and the client's metrics in {@code meters}. */
    static DefaultKafkaConsumerFactory<String, byte[]> consumerFactory(KafkaProperties kafka, MeterRegistry meters) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(kafka.buildConsumerProperties(),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        return consumers;
    }

    private static ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private IntakeErrorHandling() {
    }
}
