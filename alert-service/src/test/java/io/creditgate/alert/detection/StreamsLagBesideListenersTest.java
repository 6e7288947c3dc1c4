package io.creditgate.alert.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.creditgate.alert.kafka.MeteredConsumers;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert service has two kinds of Kafka consumers: the detection's Kafka Streams client (its meters bound by
 * AlertStreams) and the delivery listeners (bound by Spring's listener). Both must show their lag in
 * /actuator/prometheus under the one name the alert rule CreditgateConsumerLag reads.
 */
class StreamsLagBesideListenersTest {

    private static final String LAG = "kafka_consumer_fetch_manager_records_lag_max";

    @TempDir
    Path stateDir;

    @Test
    void theStreamsAndTheListenersBothExportTheirLag() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Neither client connects before it is started or polls: no broker is needed for their metrics.
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerts-metrics-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Map<String, Object> listenerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9",
                ConsumerConfig.GROUP_ID_CONFIG, "alert-delivery-metrics-test",
                ConsumerConfig.CLIENT_ID_CONFIG, "delivery-listener");
        KafkaStreams streams = new KafkaStreams(AlertTopology.buildTopology(AlertConfig.defaults()), config);
        try (KafkaStreamsMetrics streamsMetrics = AlertStreams.metrics(streams);
             Consumer<String, byte[]> listener = MeteredConsumers
                     .consumerFactory(listenerConfig, new ByteArrayDeserializer(), meters).createConsumer()) {
            streamsMetrics.bindTo(meters);

            List<String> lag = meters.scrape().lines().filter(line -> line.startsWith(LAG + "{")).toList();
            assertThat(lag).as("the listener's lag")
                    .anySatisfy(line -> assertThat(line).contains("client_id=\"delivery-listener\""));
            assertThat(lag).as("the stream thread's consumer's lag")
                    .anySatisfy(line -> assertThat(line).contains("alerts-metrics-test").contains("StreamThread-1-consumer"));
        } finally {
            streams.close();
        }
    }
}
