package io.creditgate.gateway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.admission.FailureMode;
import io.creditgate.gateway.admission.FailureModeProperties;
import io.creditgate.gateway.usage.UsagePublisher;

/**
 * {@code controlPlane}, the part of readiness that depends on Redis and Kafka. In the {@code open} failure mode
 * the gateway serves without them (unchecked admission, spooled usage), so it stays UP and only reports their
 * state; in the {@code closed} mode it is DOWN while either is down, so that a load balancer sends calls to a
 * gateway that can check them. Liveness never includes it: restarting the gateway would not bring Redis back.
 */
@Component
class ControlPlaneHealthIndicator implements HealthIndicator {

    private final ControlPlaneProbe probe;
    private final UsagePublisher publisher;
    private final FailureMode failureMode;

    ControlPlaneHealthIndicator(ControlPlaneProbe probe, UsagePublisher publisher, FailureModeProperties properties) {
        this.probe = probe;
        this.publisher = publisher;
        this.failureMode = properties.failureMode();
    }

    @Override
    public Health health() {
        boolean redisUp = probe.redis().up();
        boolean kafkaUp = probe.kafka().up();
        boolean ready = failureMode == FailureMode.OPEN || (redisUp && kafkaUp);
        return (ready ? Health.up() : Health.down())
                .withDetail("failureMode", failureMode.name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("redis", redisUp ? "UP" : "DOWN")
                .withDetail("kafka", kafkaUp ? "UP" : "DOWN")
                .withDetail("spooledEvents", publisher.spooledEvents())
                .withDetail("effect", effect(redisUp, kafkaUp))
                .build();
    }

    private String effect(boolean redisUp, boolean kafkaUp) {
        if (redisUp && kafkaUp) {
            return "serving with credit checks; usage goes to Kafka";
        }
        String admission = redisUp ? "serving with credit checks"
                : failureMode == FailureMode.OPEN ? "serving without credit checks (Redis down)"
                : "refusing calls with 503 (Redis down)";
        String usage = kafkaUp ? "usage goes to Kafka" : "usage is spooled to disk until Kafka returns";
        return admission + "; " + usage;
    }
}
