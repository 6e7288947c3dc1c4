package io.creditgate.alert.kafka;

import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listener containers of the service's plain consumers (alerts and payment notices to deliver, usage to learn
 * emails from).
 * An unreadable record is skipped at once (it will never become readable); anything else, PostgreSQL down for
 * instance, is retried with backoff (0.2 s doubling to 30 s) without limit, so no alert is dropped. Their consumers
 * report the Kafka client's metrics, lag included ({@link MeteredConsumers}).
 */
@Configuration(proxyBeanMethods = false)
public class ListenerContainers {

    public static final String USAGE = "usageContainerFactory";
    public static final String ALERTS = "alertContainerFactory";
    public static final String PAYMENT_NOTICES = "paymentNoticeContainerFactory";
    private static final Logger log = LoggerFactory.getLogger(ListenerContainers.class);

    @Bean(USAGE)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> usageContainerFactory(KafkaProperties kafka,
            MeterRegistry meters) {
        return factory(kafka, Topics.USAGE_EVENTS, meters);
    }

    @Bean(ALERTS)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> alertContainerFactory(KafkaProperties kafka,
            MeterRegistry meters) {
        return factory(kafka, Topics.ALERT_EVENTS, meters);
    }

    @Bean(PAYMENT_NOTICES)
    ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> paymentNoticeContainerFactory(KafkaProperties kafka,
            MeterRegistry meters) {
        return factory(kafka, Topics.PAYMENT_NOTICES, meters);
    }

    private static ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> factory(KafkaProperties kafka, Topic topic,
            MeterRegistry meters) {
        ConcurrentKafkaListenerContainerFactory<String, SpecificRecord> factory = new ConcurrentKafkaListenerContainerFactory<>();
        factory.setConsumerFactory(MeteredConsumers.consumerFactory(kafka.buildConsumerProperties(),
                new ErrorHandlingDeserializer<>(topic.values().deserializer()), meters));
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler((record, failure) ->
                log.error("skipped an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                        failure.getMessage()), backOff));
        return factory;
    }
}
