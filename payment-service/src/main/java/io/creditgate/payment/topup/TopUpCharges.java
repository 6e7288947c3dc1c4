package io.creditgate.payment.topup;

import com.stripe.exception.CardException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import io.creditgate.payment.stripe.StripeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a claimed top-up to Stripe: one confirmed off-session PaymentIntent on the saved card, under the claim's
 * idempotency key, so sending it again (a retry, a recovery, another instance) is answered with the first result.
 * Never inside a database transaction: Stripe's answer may take seconds, and a row lock must not wait for it.
 */
@Component
class TopUpCharges {

    /** The {@code metadata.purpose} of an auto top-up's PaymentIntent. */
    static final String PURPOSE = "top_up";
    private static final Logger log = LoggerFactory.getLogger(TopUpCharges.class);

    /** What Stripe answered. {@code intent} is null only when Stripe could not be asked (then nothing is known). */
    record Answer(PaymentIntent intent, String code, String message) {

        boolean unknown() {
            return intent == null && code == null;
        }
    }

    private final StripeAccess stripe;

    TopUpCharges(StripeAccess stripe) {
        this.stripe = stripe;
    }

    Answer charge(TopUpClaim claim) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(claim.amountMinor())
                .setCurrency(claim.currency())
                .setCustomer(claim.customerId())
                .setPaymentMethod(claim.paymentMethodId())
                .setConfirm(true)
                .setOffSession(true)
                .setDescription("Creditgate auto top-up (" + claim.packId() + ")")
                .putMetadata("userId", claim.userId())
                .putMetadata("packId", claim.packId())
                .putMetadata("purpose", PURPOSE)
                .putMetadata("sequence", Long.toString(claim.sequence()))
                .build();
        try {
            PaymentIntent intent = stripe.client().v1().paymentIntents().create(params,
                    RequestOptions.builder().setIdempotencyKey(claim.idempotencyKey()).build());
            return new Answer(intent, null, null);
        } catch (CardException e) {
            // A refused card: 402 with the PaymentIntent it left behind; authentication_required or card_declined.
            PaymentIntent intent = e.getStripeError() == null ? null : e.getStripeError().getPaymentIntent();
            String code = e.getCode() == null ? "card_error" : e.getCode();
            return new Answer(intent, code, e.getStripeError() == null ? e.getMessage() : e.getStripeError().getMessage());
        } catch (StripeException e) {
            // Unreachable, 5xx, rate limited: the charge may or may not exist. The claim stays pending and the
            // recovery asks again with the same key, which tells.
            log.warn("Top-up {}: Stripe did not answer ({}); it stays pending", claim.idempotencyKey(), e.getMessage());
            return new Answer(null, null, e.getMessage());
        }
    }
}
