package io.creditgate.payment.topup;

import java.util.HashMap;
import java.util.Map;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.UnreadableEventException;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Reads the ledger's {@code creditgate.account-events} (group {@code payment-top-up}) and hands every
 * {@code AccountBalanceChanged} to {@link TopUps}; the topic's other events (accounts opened, grants) and records it
 * cannot read are skipped. Delivery is at least once: the claim in PostgreSQL, not the offset, is what keeps a
 * redelivered or concurrently delivered balance change from charging twice.
 */
@Component
class BalanceListener {

    static final String ID = "payment-top-up";
    private static final String CONTAINER_FACTORY = "topUpListenerContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(BalanceListener.class);

    private final TopUps topUps;

    BalanceListener(TopUps topUps) {
        this.topUps = topUps;
    }

    @KafkaListener(id = ID, groupId = "${creditgate.payment.top-up.group-id:payment-top-up}",
            topics = "creditgate.account-events", containerFactory = CONTAINER_FACTORY,
            autoStartup = "${creditgate.payment.top-up.consumer-enabled:true}")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        SpecificRecord event;
        try {
            event = Topics.ACCOUNT_EVENTS.codec().decode(record.value());
        } catch (UnreadableEventException e) {
            log.warn("Skipping unreadable account event at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (event instanceof AccountBalanceChanged balance) {
            topUps.onBalance(balance);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ConsumerConfiguration {

        /**
         * The consumers report the Kafka client's metrics in the application's registry, their lag among them
         * ({@code kafka.consumer.fetch.manager.records.lag.max}, which the operations alert CreditgateConsumerLag
         * watches): Spring Boot adds them only to the consumer factory it builds itself, not to one built here.
         */
        @Bean(CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<String, byte[]> topUpListenerContainerFactory(KafkaProperties kafka,
                TopUpProperties properties, MeterRegistry meters) {
            Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, properties.offsetReset());
            DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config,
                    new StringDeserializer(), new ByteArrayDeserializer());
            consumers.addListener(new MicrometerConsumerListener<>(meters));
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(consumers);
            // A failure (PostgreSQL away) is retried with backoff; the record is skipped after that, which loses
            // nothing that matters: the next balance change of the user triggers the same decision.
            ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
            backOff.setMaxElapsedTime(60_000);
            factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            return factory;
        }
    }
}
