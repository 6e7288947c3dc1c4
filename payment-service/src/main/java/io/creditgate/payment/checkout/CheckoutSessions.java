package io.creditgate.payment.checkout;

import java.util.UUID;
import java.util.function.Consumer;

import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Creates payment-mode Checkout Sessions for a pack. The attempt is stored first, keyed by the idempotency key, and
 * named in the session's metadata; the Stripe call carries a key derived from the attempt, so a retry of the same
 * attempt (the client's {@code Idempotency-Key} again) gets the same session from Stripe instead of a second one.
 * Public so a feature that sells a pack with extras (saving the card for top-ups) goes through the same path and is
 * fulfilled by the same handler.
 */
@Component
public class CheckoutSessions {

    private final StripeAccess stripe;
    private final CheckoutAttempts attempts;
    private final PaymentLinks links;

    CheckoutSessions(StripeAccess stripe, CheckoutAttempts attempts, PaymentLinks links) {
        this.stripe = stripe;
        this.attempts = attempts;
        this.links = links;
    }

    /**
     * A session selling {@code pack} to {@code userId}.
     *
     * @param clientKey the client's {@code Idempotency-Key}, or null for a fresh attempt
     * @param actor who asked (recorded with the attempt)
     * @param extras changes to the parameters (a customer, {@code setup_future_usage}); the same for a retried key
     */
    public CheckoutStarted start(String userId, Pack pack, String clientKey, String actor,
            Consumer<SessionCreateParams.Builder> extras) {
        stripe.client(); // manual-only mode: 503 before anything is stored
        String key = "checkout:" + userId + ":" + (clientKey != null ? clientKey : UUID.randomUUID().toString());
        CheckoutAttempt attempt = attempts.createOrFind(new CheckoutAttempt("att_" + UUID.randomUUID().toString()
                .replace("-", ""), null, userId, pack.id(), pack.credits(), pack.priceMinor(), pack.currency(), key), actor);
        if (!attempt.packId().equals(pack.id()) || attempt.amountMinor() != pack.priceMinor()
                || attempt.credits() != pack.credits()) {
            throw ApiException.conflict("idempotency_key_reused",
                    "This Idempotency-Key was used for another checkout (pack " + attempt.packId() + "); use a new key");
        }
        String credits = Long.toString(pack.credits());
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(userId)
                .setSuccessUrl(links.checkoutSuccess())
                .setCancelUrl(links.checkoutCancelled())
                .putMetadata("userId", userId)
                .putMetadata("packId", pack.id())
                .putMetadata("credits", credits)
                .putMetadata("attemptId", attempt.attemptId())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(pack.currency())
                                .setUnitAmount(pack.priceMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(pack.name())
                                        .build())
                                .build())
                        .build())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("userId", userId)
                        .putMetadata("packId", pack.id())
                        .putMetadata("credits", credits)
                        .putMetadata("attemptId", attempt.attemptId())
                        .build());
        if (extras != null) {
            extras.accept(params);
        }
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("creditgate-checkout-" + attempt.attemptId()).build();
        Session session = StripeCallFailedException.call("creating a Checkout Session",
                () -> stripe.client().v1().checkout().sessions().create(params.build(), options));
        attempts.sessionCreated(attempt.attemptId(), session.getId());
        return new CheckoutStarted(session.getUrl(), session.getId());
    }
}
