package io.creditgate.payment.topup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/** The auto top-up's consumers of the account events report the Kafka client's metrics, the consumer lag among them. */
class TopUpConsumerMetricsTest {

    private static final String LAG = "kafka.consumer.fetch.manager.records.lag.max";

    @Test
    void theTopUpConsumerReportsItsLag() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        KafkaProperties kafka = new KafkaProperties();
        // No broker is needed: a consumer connects at its first poll, and its metrics exist from its creation.
        kafka.setBootstrapServers(List.of("127.0.0.1:9"));
        kafka.getConsumer().setGroupId("payment-top-up-metrics-test");
        TopUpProperties properties = new TopUpProperties(true, "payment-top-up", "latest", Duration.ofMinutes(10), 3,
                Duration.ofHours(1), Duration.ofMinutes(2), 30_000);
        var factory = new BalanceListener.ConsumerConfiguration().topUpListenerContainerFactory(kafka, properties, meters);
        try (Consumer<?, ?> consumer = factory.getConsumerFactory().createConsumer()) {
            Gauge lag = meters.find(LAG).gauge();
            assertThat(lag).as(LAG).isNotNull();
            assertThat(lag.getId().getTag("client.id")).isNotBlank();
        }
        assertThat(meters.find(LAG).gauge()).as("a closed consumer's meters are removed").isNull();
    }
}
