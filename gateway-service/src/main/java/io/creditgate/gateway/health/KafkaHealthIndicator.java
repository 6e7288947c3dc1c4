package io.creditgate.gateway.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.usage.UsagePublisher;

/**
 * {@code kafka} in {@code /actuator/health}: whether the broker answered the last probe, and how many usage
 * events wait in the local spool for it.
 */
@Component
class KafkaHealthIndicator implements HealthIndicator {

    private final ControlPlaneProbe probe;
    private final UsagePublisher publisher;

    KafkaHealthIndicator(ControlPlaneProbe probe, UsagePublisher publisher) {
        this.probe = probe;
        this.publisher = publisher;
    }

    @Override
    public Health health() {
        ControlPlaneProbe.State state = probe.kafka();
        Health.Builder health = state.up() ? Health.up() : Health.down();
        health.withDetail("spooledEvents", publisher.spooledEvents());
        if (state.checkedAt() != null) {
            health.withDetail("checkedAt", state.checkedAt().toString());
        }
        if (state.error() != null) {
            health.withDetail("error", state.error());
        }
        return health.build();
    }
}
