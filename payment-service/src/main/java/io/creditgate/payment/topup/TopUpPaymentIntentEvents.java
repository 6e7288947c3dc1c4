package io.creditgate.payment.topup;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code payment_intent.succeeded} and {@code payment_intent.payment_failed} of auto top-ups ({@code metadata.purpose
 * = top_up}): Stripe's word on a charge whose synchronous answer was lost (the instance died, the network broke). The
 * PaymentIntent is retrieved from Stripe and recorded like the synchronous answer, so a charge is credited once
 * whichever comes first. PaymentIntents of other purposes (Checkout's) are left to their features.
 */
@Component
class TopUpPaymentIntentEvents implements StripeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(TopUpPaymentIntentEvents.class);

    private final StripeAccess stripe;
    private final TopUpStore store;
    private final TopUps topUps;

    TopUpPaymentIntentEvents(StripeAccess stripe, TopUpStore store, TopUps topUps) {
        this.stripe = stripe;
        this.store = store;
        this.topUps = topUps;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("payment_intent.succeeded", "payment_intent.payment_failed");
    }

    @Override
    public void handle(Event event) {
        String id = StripeEvents.objectId(event);
        PaymentIntent intent = StripeCallFailedException.call("retrieving PaymentIntent " + id,
                () -> stripe.client().v1().paymentIntents().retrieve(id));
        Optional<TopUpClaim> claim = claimOf(intent.getMetadata());
        if (claim.isEmpty()) {
            return;
        }
        String code = intent.getLastPaymentError() == null ? null : intent.getLastPaymentError().getCode();
        String message = intent.getLastPaymentError() == null ? null : intent.getLastPaymentError().getMessage();
        if ("succeeded".equals(intent.getStatus())) {
            topUps.settle(claim.get(), new TopUpCharges.Answer(intent, null, null));
        } else if (code != null) {
            topUps.settle(claim.get(), new TopUpCharges.Answer(intent, code, message));
        } else {
            log.info("PaymentIntent {} of top-up {} is {}: nothing to record", id, claim.get().idempotencyKey(),
                    intent.getStatus());
        }
    }

    private Optional<TopUpClaim> claimOf(Map<String, String> metadata) {
        if (metadata == null || !TopUpCharges.PURPOSE.equals(metadata.get("purpose"))) {
            return Optional.empty();
        }
        try {
            return store.claim(metadata.get("userId"), Long.parseLong(metadata.getOrDefault("sequence", "")));
        } catch (NumberFormatException e) {
            log.warn("A top_up PaymentIntent without a sequence in its metadata: {}", metadata);
            return Optional.empty();
        }
    }
}
