package io.creditgate.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The ledger's input consumers report the Kafka client's metrics, the consumer lag among them. */
class IntakeConsumerMetricsTest {

    @Test
    void everyIntakeConsumerReportsItsLag() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaProperties kafka = new KafkaProperties();
        // No broker is needed: a consumer connects at its first poll, and its metrics exist from its creation.
        kafka.setBootstrapServers(java.util.List.of("127.0.0.1:9"));
        kafka.getConsumer().setGroupId("ledger-metrics-test");
        try (Consumer<String, byte[]> consumer = IntakeErrorHandling.consumerFactory(kafka, meters).createConsumer()) {
            Gauge lag = meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge();
            assertThat(lag).as("kafka.consumer.fetch.manager.records.lag.max").isNotNull();
            assertThat(lag.getId().getTag("client.id")).isNotBlank();
        }
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge())
                .as("a closed consumer's meters are removed").isNull();
    }
}
