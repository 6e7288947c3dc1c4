package io.creditgate.ledger.usage;

import io.creditgate.ledger.kafka.IntakeErrorHandling;
import io.creditgate.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** The consumer of the usage topic; failures are handled as {@link IntakeErrorHandling} says. */
@Configuration(proxyBeanMethods = false)
class UsageConsumerConfiguration {

    static final String CONTAINER_FACTORY = "usageListenerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> usageListenerContainerFactory(
            KafkaProperties kafka, UsageMetrics metrics) {
        return IntakeErrorHandling.containerFactory(kafka, Topics.USAGE_EVENTS, metrics.unreadable, metrics.rejected);
    }
}
