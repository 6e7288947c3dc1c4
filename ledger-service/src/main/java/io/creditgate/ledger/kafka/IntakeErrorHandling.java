package io.creditgate.ledger.kafka;

import java.util.Map;

import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.schemas.Topic;
import io.micrometer.core.instrument.Counter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener containers of the ledger's input topics, with one rule for failures:
 * <ul>
 *   <li>a record that can never succeed (unreadable bytes, a command that breaks an account rule or names an
 *       account that does not exist) is logged, counted and skipped at once, so it never blocks its partition;</li>
 *   <li>anything else (PostgreSQL down, a concurrent writer) is retried with backoff (0.2 s doubling to 30 s),
 *       without limit: the money moved already and must be recorded, and later records of the user wait behind it.</li>
 * </ul>
 */
public final class IntakeErrorHandling {

    private static final Logger log = LoggerFactory.getLogger(IntakeErrorHandling.class);

    /**
     * @param unreadable counted for each record that is not an event of the topic
     * @param rejected counted for each event the ledger refuses
     */
    public static ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> containerFactory(KafkaProperties kafka,
            Topic topic, Counter unreadable, Counter rejected) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        DefaultKafkaConsumerFactory<String, SpecificRecord> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(topic.values().deserializer()));
        ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(unreadable, rejected));
        return factory;
    }

    /**
     * A batch container that hands the listener each record's bytes as they are on the topic (a listener that
     * dead-letters a record must publish it unchanged). Decoding and the skip-or-retry rule are then the listener's;
     * a poll that throws is retried whole, with the backoff above and without limit.
     */
    public static ConcurrentKafkaListenerContainerFactory<String, byte[]> rawBatchContainerFactory(KafkaProperties kafka,
            Counter unreadable, Counter rejected) {
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(
                kafka.buildConsumerProperties(), new StringDeserializer(), new ByteArrayDeserializer());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(unreadable, rejected));
        factory.setBatchListener(true);
        return factory;
    }

    private static DefaultErrorHandler errorHandler(Counter unreadable, Counter rejected) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> skip(record, failure, unreadable, rejected),
                backOff);
        // DeserializationException is already classified as never retryable.
        handler.addNotRetryableExceptions(CommandRejectedException.class, AggregateNotFoundException.class);
        return handler;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure, Counter unreadable, Counter rejected) {
        if (causedBy(failure, DeserializationException.class)) {
            unreadable.increment();
            log.error("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    rootMessage(failure));
        } else {
            rejected.increment();
            log.error("skipped a record at {}-{}@{} that the ledger rejects: {}", record.topic(), record.partition(),
                    record.offset(), rootMessage(failure));
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private IntakeErrorHandling() {
    }
}
