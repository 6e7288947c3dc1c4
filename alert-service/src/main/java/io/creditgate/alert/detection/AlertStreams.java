package io.creditgate.alert.detection;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs {@link AlertTopology} with exactly-once processing: a state change, the alerts it causes and the input
 * offset commit in one Kafka transaction, so a crash neither loses nor repeats an alert.
 */
@Component("alertStreams")
class AlertStreams implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(AlertStreams.class);
    /**
     * The tag Spring Kafka puts on every client's meters (its listeners' consumers here, and a Kafka Streams client
     * it builds itself), with this bean's name. The streams' meters share names with the listeners' consumers'
     * ({@code kafka.consumer.fetch.manager.records.lag.max} among them) and must carry the same tag keys: Micrometer's
     * Kafka binder removes the meters of a name that have fewer tags than another client's, so without this tag the
     * listeners' meters would push out the streams' lag (and Prometheus exports one set of label names per metric).
     */
    static final Tag CLIENT_TAG = Tag.of("spring.id", "alertStreams");

    private final DetectionProperties properties;
    private final KafkaProperties kafka;
    private final MeterRegistry meters;
    private KafkaStreams streams;
    private KafkaStreamsMetrics metrics;

    AlertStreams(DetectionProperties properties, KafkaProperties kafka, MeterRegistry meters) {
        this.properties = properties;
        this.kafka = kafka;
        this.meters = meters;
    }

    Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, properties.applicationId());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.STATE_DIR_CONFIG, properties.stateDirectory().toString());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, properties.streamThreads());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, properties.commitInterval().toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, properties.replicationFactor());
        // Bytes that are no event of ours can never become one: log, skip, keep the partition moving.
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // Alerts are small and latency matters more than batching: send without lingering.
        config.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        return config;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("Alert detection is disabled (creditgate.alerts.detection.enabled=false)");
            return;
        }
        streams = new KafkaStreams(AlertTopology.buildTopology(properties.toConfig()), streamsConfig());
        // A failed stream thread is replaced; its tasks resume from the last committed transaction.
        streams.setUncaughtExceptionHandler(failure -> {
            log.error("Alert stream thread failed; replacing it", failure);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        metrics = metrics(streams);
        metrics.bindTo(meters);
        streams.start();
        log.info("Alert detection started (application id {}, state in {})", properties.applicationId(),
                properties.stateDirectory());
    }

    /** The streams client's metrics and its embedded clients', their consumers' lag among them. */
    static KafkaStreamsMetrics metrics(KafkaStreams streams) {
        return new KafkaStreamsMetrics(streams, List.of(CLIENT_TAG));
    }

    @Override
    public synchronized void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            metrics.close();
            streams = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return streams != null;
    }

    /** The state of the streams client, e.g. RUNNING; NOT_STARTED when detection is disabled. */
    synchronized String state() {
        return streams == null ? "NOT_STARTED" : streams.state().name();
    }

    @Override
    public Health health() {
        String state = state();
        boolean up = !properties.enabled() || "RUNNING".equals(state) || "REBALANCING".equals(state);
        return (up ? Health.up() : Health.down()).withDetail("state", state).build();
    }
}
