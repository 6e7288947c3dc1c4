package io.creditgate.gateway.keys;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code keyStore} in {@code /actuator/health}: always UP, since PostgreSQL is off every call's path (keys are
 * read from Redis) and its absence must not make the gateway look unhealthy; the details say whether the last
 * projection of keys from PostgreSQL into Redis worked. Answers from the projection's last run, without I/O.
 * (Boot's own {@code db} indicator is off: it would turn the whole gateway DOWN with PostgreSQL.)
 */
@Component("keyStoreHealthIndicator")
class KeyStoreHealthIndicator implements HealthIndicator {

    private final KeyProjection projection;

    KeyStoreHealthIndicator(KeyProjection projection) {
        this.projection = projection;
    }

    @Override
    public Health health() {
        String failure = projection.lastFailure();
        Health.Builder health = Health.up()
                .withDetail("postgres", failure == null ? (projection.lastProjected() == null ? "UNKNOWN" : "UP") : "DOWN");
        if (projection.lastProjected() != null) {
            health.withDetail("lastProjection", projection.lastProjected().toString());
        }
        if (failure != null) {
            health.withDetail("error", failure);
        }
        return health.build();
    }
}
