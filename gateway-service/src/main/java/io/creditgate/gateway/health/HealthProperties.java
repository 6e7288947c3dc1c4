package io.creditgate.gateway.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway watches Redis and Kafka for its health endpoints.
 *
 * @param probeInterval how often both are probed in the background; health answers from the last probe at
 *     once, so a probe of Kubernetes never waits on a broker that is down
 * @param probeTimeout how long one probe waits for an answer before it counts the server as down
 */
@ConfigurationProperties("creditgate.health")
record HealthProperties(
        @DefaultValue("5s") Duration probeInterval,
        @DefaultValue("2s") Duration probeTimeout) {

    HealthProperties {
        if (probeInterval.toMillis() < 1 || probeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.health.probe-interval and probe-timeout must be positive");
        }
    }
}
