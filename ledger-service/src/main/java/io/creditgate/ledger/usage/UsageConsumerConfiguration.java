package io.creditgate.ledger.usage;

import io.creditgate.ledger.kafka.IntakeErrorHandling;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** The consumer of the usage topic; failures are handled as {@link IntakeErrorHandling} says. */
@Configuration(proxyBeanMethods = false)
class UsageConsumerConfiguration {

    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, byte[]> usageListenerContainerFactory(
            KafkaProperties kafka, MeterRegistry meters,
            @Value("${creditgate.intake.usage-consumers:6}") int consumers) {
        // One poll, one database transaction (UsageRecordedListener, decision 32), on the records' bytes: the listener
        // decodes them itself so that a record it cannot fold goes to the dead-letter topic unchanged (decision 44).
        // A batch that throws is retried whole with the error handler's backoff; the records it charged before are
        // deduped by eventId.
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = IntakeErrorHandling.rawBatchContainerFactory(kafka, meters);
        // Consumers of one node (the topic has six partitions, keyed by user, so two consumers never share a user):
        // a fold waits on PostgreSQL round trips far more than on CPU, so several in parallel add up.
        if (consumers < 1 || consumers > 64) {
            throw new IllegalArgumentException("creditgate.intake.usage-consumers must be 1 to 64");
        }
        factory.setConcurrency(consumers);
        return factory;
    }
}
