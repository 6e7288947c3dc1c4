package io.creditgate.alert.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code creditgate.alerts.fired{type,threshold}}: alert events read from the alert topic;
 * {@code creditgate.alerts.deliveries{channel,status}}: every attempt's outcome (and skips);
 * {@code creditgate.alerts.delivery.latency{channel}}: from the event that crossed to the receiver's acceptance.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;

    DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fired(Alert alert) {
        Counter.builder("creditgate.alerts.fired").description("Alert events read from the alert topic")
                .tag("type", alert.type()).tag("threshold", alert.threshold()).register(registry).increment();
    }

    void delivery(Channel channel, DeliveryStatus status) {
        Counter.builder("creditgate.alerts.deliveries").description("Delivery attempts and skips by outcome")
                .tag("channel", channel.name()).tag("status", status.name()).register(registry).increment();
    }

    void latency(Channel channel, Duration sinceAlert) {
        Timer.builder("creditgate.alerts.delivery.latency")
                .description("From the event that caused the alert to its acceptance by the receiver")
                .tag("channel", channel.name()).publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(registry).record(sinceAlert.isNegative() ? Duration.ZERO : sinceAlert);
    }
}
