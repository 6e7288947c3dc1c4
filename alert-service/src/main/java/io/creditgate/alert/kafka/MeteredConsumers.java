package io.creditgate.alert.kafka;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * The consumer factories of the service's listeners. Spring Boot adds the Kafka client's metrics only to the consumer
 * factory it builds itself; a factory built by hand reports none unless told, so the listeners' lag
 * ({@code kafka.consumer.fetch.manager.records.lag.max}, which the operations alert CreditgateConsumerLag watches)
 * would be missing. Every factory of this service is built here, with the application's registry.
 *
 * <p>Spring's listener tags each client's meters with {@code spring.id}. Meters of one name must carry the same tag
 * keys: Micrometer's Kafka binder removes a client's meters that have fewer tags than another client's of the same
 * name, and Prometheus exports one set of label names per metric. So the service's Kafka Streams client, whose meters
 * are bound by hand, carries a {@code spring.id} too (AlertStreams); without it the listeners' meters would push the
 * streams' lag out.
 */
public final class MeteredConsumers {

    /** String keys, values by {@code values}, and the client's metrics in {@code meters} while each consumer lives. */
    public static <V> DefaultKafkaConsumerFactory<String, V> consumerFactory(Map<String, Object> config, Deserializer<V> values,
            MeterRegistry meters) {
        DefaultKafkaConsumerFactory<String, V> consumers = new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                values);
        consumers.addListener(new MicrometerConsumerListener<>(meters));
        return consumers;
    }

    private MeteredConsumers() {
    }
}
