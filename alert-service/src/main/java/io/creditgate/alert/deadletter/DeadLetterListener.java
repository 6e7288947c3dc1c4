package io.creditgate.alert.deadletter;

import io.creditgate.alert.delivery.AdminNotices;
import io.creditgate.alert.kafka.MeteredConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Tells the admins about every usage or payment event the ledger dead-lettered ({@code creditgate.usage-dead-letter},
 * {@code creditgate.payment-dead-letter}), once per dead letter: the notice is planned in the delivery log under the dead letter's id before the offset is committed, so a
 * redelivery, or the same record dead-lettered twice, plans nothing again (decision 45).
 */
@Component
class DeadLetterListener {

    static final String CONTAINER_FACTORY = "deadLetterContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterListener.class);

    private final AdminNotices notices;

    DeadLetterListener(AdminNotices notices) {
        this.notices = notices;
    }

    @KafkaListener(id = "alert-dead-letters", groupId = "${creditgate.alerts.delivery.dead-letters-group:alert-dead-letters}",
            containerFactory = CONTAINER_FACTORY, autoStartup = "${creditgate.alerts.delivery.enabled:true}",
            topics = {"#{T(io.creditgate.schemas.Topics).USAGE_DEAD_LETTER.name()}",
                    "#{T(io.creditgate.schemas.Topics).PAYMENT_DEAD_LETTER.name()}"})
    void on(ConsumerRecord<String, byte[]> record) {
        AdminNotices.Notice notice = DeadLetterNotice.of(record);
        if (notices.email(notice)) {
            log.info("planned the admins' email about dead letter {} ({})", notice.id(), notice.subject());
        } else {
            log.debug("dead letter {} was told before; nothing to do", notice.id());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DeadLetterConsumerConfiguration {

        /**
         * The records' bytes as they are (the notice reads headers only; a dead letter may not decode). Every failure
         * (PostgreSQL down) is retried with backoff, 0.2 s doubling to 30 s, without limit: no dead letter goes untold.
         * The consumers report their lag like the service's other listeners.
         */
        @Bean(CONTAINER_FACTORY)
        ConcurrentKafkaListenerContainerFactory<String, byte[]> deadLetterContainerFactory(KafkaProperties kafka,
                MeterRegistry meters) {
            ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
            factory.setConsumerFactory(MeteredConsumers.consumerFactory(kafka.buildConsumerProperties(),
                    new ByteArrayDeserializer(), meters));
            ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
            backOff.setMaxInterval(30_000);
            factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            return factory;
        }
    }
}
