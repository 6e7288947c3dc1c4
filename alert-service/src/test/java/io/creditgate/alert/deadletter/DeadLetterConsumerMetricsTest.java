package io.creditgate.alert.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The dead-letter listener's consumers report their lag, as the service's other listeners do. */
class DeadLetterConsumerMetricsTest {

    @Test
    void theDeadLetterConsumerReportsItsLag() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaProperties kafka = new KafkaProperties();
        // No broker is needed: a consumer connects at its first poll, and its metrics exist from its creation.
        kafka.setBootstrapServers(List.of("127.0.0.1:9"));
        kafka.getConsumer().setGroupId("alert-dead-letters-metrics-test");
        var factory = new DeadLetterListener.DeadLetterConsumerConfiguration().deadLetterContainerFactory(kafka, meters);
        try (Consumer<?, ?> consumer = factory.getConsumerFactory().createConsumer()) {
            Gauge lag = meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge();
            assertThat(lag).as("kafka.consumer.fetch.manager.records.lag.max").isNotNull();
            assertThat(lag.getId().getTag("client.id")).isNotBlank();
        }
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauge())
                .as("a closed consumer's meters are removed").isNull();
    }
}
