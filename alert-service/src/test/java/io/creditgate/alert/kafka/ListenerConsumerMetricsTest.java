package io.creditgate.alert.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

/** The consumers of the service's listeners report the Kafka client's metrics, the consumer lag among them. */
class ListenerConsumerMetricsTest {

    private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListenerContainers containers = new ListenerContainers();

    @Test
    void everyListenerContainersConsumerReportsItsLag() {
        KafkaProperties kafka = kafka();
        Map<String, ConcurrentKafkaListenerContainerFactory<String, SpecificRecord>> factories = Map.of(
                ListenerContainers.USAGE, containers.usageContainerFactory(kafka, meters),
                ListenerContainers.ALERTS, containers.alertContainerFactory(kafka, meters),
                ListenerContainers.PAYMENT_NOTICES, containers.paymentNoticeContainerFactory(kafka, meters));
        factories.forEach((name, factory) -> {
            // No broker is needed: a consumer connects at its first poll, and its metrics exist from its creation.
            try (Consumer<?, ?> consumer = factory.getConsumerFactory().createConsumer()) {
                Gauge lag = meters.find(LAG).gauge();
                assertThat(lag).as(name + ": " + LAG).isNotNull();
                assertThat(lag.getId().getTag("client.id")).as(name).isNotBlank();
                assertThat(lag.getId().getTag("spring.id")).as(name + ": the tag AlertStreams' meters carry too").isNotBlank();
            }
            assertThat(meters.find(LAG).gauge()).as(name + ": a closed consumer's meters are removed").isNull();
        });
    }

    static KafkaProperties kafka() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("127.0.0.1:9"));
        kafka.getConsumer().setGroupId("alert-metrics-test");
        return kafka;
    }
}
