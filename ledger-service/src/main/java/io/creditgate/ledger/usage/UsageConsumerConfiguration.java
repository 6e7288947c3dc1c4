package io.creditgate.ledger.usage;

import java.util.Map;

import io.creditgate.ledger.account.CommandRejectedException;
import io.creditgate.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The consumer of the usage topic. Two kinds of failure, two answers:
 * <ul>
 *   <li>a record that can never succeed (unreadable bytes, a usage that breaks an account rule) is
 *       logged, counted and skipped at once, so it never blocks its partition;</li>
 *   <li>anything else (PostgreSQL down, a concurrent writer) is retried with backoff, without limit:
 *       the call already happened and must be charged, and later records of the user wait behind it.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class UsageConsumerConfiguration {

    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(UsageConsumerConfiguration.class);

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> usageListenerContainerFactory(
            KafkaProperties kafka, UsageMetrics metrics) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        DefaultKafkaConsumerFactory<String, SpecificRecord> consumers = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ErrorHandlingDeserializer<>(Topics.USAGE_EVENTS.values().deserializer()));
        ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(consumers);
        factory.setCommonErrorHandler(errorHandler(metrics));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(UsageMetrics metrics) {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> skip(record, failure, metrics), backOff);
        // DeserializationException is already classified as never retryable.
        handler.addNotRetryableExceptions(CommandRejectedException.class);
        return handler;
    }

    private static void skip(ConsumerRecord<?, ?> record, Exception failure, UsageMetrics metrics) {
        if (causedBy(failure, DeserializationException.class)) {
            metrics.unreadable.increment();
            log.error("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    rootMessage(failure));
        } else {
            metrics.rejected.increment();
            log.error("skipped a usage record at {}-{}@{} that the ledger rejects: {}", record.topic(),
                    record.partition(), record.offset(), rootMessage(failure));
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
}
