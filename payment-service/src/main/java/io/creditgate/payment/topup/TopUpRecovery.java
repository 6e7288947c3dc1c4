package io.creditgate.payment.topup;

import java.time.Instant;

import io.creditgate.payment.stripe.StripeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes top-ups left pending (an instance died between the claim and Stripe's answer, or Stripe was unreachable):
 * the claim is sent again with its idempotency key, so Stripe answers with the charge it made, or makes it now. Any
 * instance may do it; recording the answer is idempotent. A pending claim also keeps new top-ups of its user away, so
 * this is what unblocks them.
 */
@Component
class TopUpRecovery {

    private static final Logger log = LoggerFactory.getLogger(TopUpRecovery.class);

    private final TopUpStore store;
    private final TopUps topUps;
    private final TopUpProperties properties;
    private final StripeAccess stripe;

    TopUpRecovery(TopUpStore store, TopUps topUps, TopUpProperties properties, StripeAccess stripe) {
        this.store = store;
        this.topUps = topUps;
        this.properties = properties;
        this.stripe = stripe;
    }

    @Scheduled(fixedDelayString = "${creditgate.payment.top-up.recovery-interval-ms:30000}",
            initialDelayString = "${creditgate.payment.top-up.recovery-interval-ms:30000}")
    void recoverPending() {
        if (!stripe.enabled()) {
            return;
        }
        for (TopUpClaim claim : store.pendingSince(Instant.now().minus(properties.pendingRecoveryAfter()))) {
            log.info("Top-up {} still pending: asking Stripe again with its idempotency key", claim.idempotencyKey());
            topUps.resend(claim);
        }
    }
}
