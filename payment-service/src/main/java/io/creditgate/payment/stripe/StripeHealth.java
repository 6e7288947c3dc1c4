package io.creditgate.payment.stripe;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code stripe} health component: always UP (manual-only mode is a supported way to run), with {@code mode}
 * saying which one this is, so an operator sees at once whether card payments are on.
 */
@Component("stripe")
class StripeHealth implements HealthIndicator {

    private final StripeAccess stripe;
    private final StripeProperties properties;

    StripeHealth(StripeAccess stripe, StripeProperties properties) {
        this.stripe = stripe;
        this.properties = properties;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("mode", stripe.enabled() ? "stripe" : "manual-only");
        if (stripe.enabled()) {
            health.withDetail("webhookSecrets", properties.webhookSecrets().size());
        }
        return health.build();
    }
}
