package io.creditgate.gateway.usage;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import io.creditgate.schemas.Topics;

/**
 * The producer of {@code creditgate.usage-events}: keys and values use the serdes of
 * {@link Topics#USAGE_EVENTS}, the rest comes from {@code spring.kafka.*}; and the spool that keeps events
 * while Kafka cannot take them.
 */
@Configuration(proxyBeanMethods = false)
class UsageKafkaConfiguration {

    /** At shutdown, how long the producer gets to deliver what it holds (what it cannot deliver is spooled). */
    private static final int PRODUCER_CLOSE_SECONDS = 5;

    @Bean
    ProducerFactory<String, SpecificRecord> usageProducerFactory(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        // Money events: a retried send must never write a duplicate or lose an acknowledged event,
        // whatever spring.kafka.producer.* says.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        DefaultKafkaProducerFactory<String, SpecificRecord> factory = new DefaultKafkaProducerFactory<>(config,
                Topics.USAGE_EVENTS.keys().serializer(), Topics.USAGE_EVENTS.values().serializer());
        factory.setPhysicalCloseTimeout(PRODUCER_CLOSE_SECONDS);
        return factory;
    }

    @Bean
    KafkaTemplate<String, SpecificRecord> usageKafkaTemplate(ProducerFactory<String, SpecificRecord> factory) {
        return new KafkaTemplate<>(factory);
    }

    @Bean(destroyMethod = "close")
    UsageSpool usageSpool(SpoolProperties properties) {
        return UsageSpool.open(properties.directory(), Topics.USAGE_EVENTS.codec());
    }

    /** Opened after the spool, which takes what a killed gateway left in the journal before any call is served. */
    @Bean(destroyMethod = "close")
    UsageJournal usageJournal(SpoolProperties properties, UsageSpool spool) {
        return UsageJournal.open(properties.directory().resolve(UsageJournal.DIRECTORY), Topics.USAGE_EVENTS.codec(),
                properties.journalSegmentBytes().toBytes(), properties.journalForceInterval(), spool::appendAll);
    }
}
