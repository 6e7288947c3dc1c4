package io.creditgate.payment.topup;

import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.stripe.StripeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The link a user gets when the bank wants them to confirm a top-up: a Checkout Session buying the same pack, on
 * session, where the card holder can authenticate. It is an ordinary pack purchase, fulfilled by the checkout feature
 * like any other; the off-session charge it replaces took no money.
 */
@Component
class AuthenticationCheckouts {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationCheckouts.class);

    private final StripeAccess stripe;
    private final TopUpProperties properties;

    AuthenticationCheckouts(StripeAccess stripe, TopUpProperties properties) {
        this.stripe = stripe;
        this.properties = properties;
    }

    /** The session's URL; the billing page when Stripe cannot make one now (the user can buy the pack there). */
    String linkFor(TopUpClaim claim) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setCustomer(claim.customerId())
                .setClientReferenceId(claim.userId())
                .setSuccessUrl(properties.returnUrl() + "?top-up=confirmed")
                .setCancelUrl(properties.returnUrl() + "?top-up=cancelled")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(claim.currency()).setUnitAmount(claim.amountMinor())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("Creditgate credits (" + claim.packId() + ")").build())
                                .build())
                        .build())
                .putMetadata("userId", claim.userId())
                .putMetadata("packId", claim.packId())
                .putMetadata("topUp", claim.idempotencyKey())
                .build();
        try {
            // One link per claim, however often the answer is recorded.
            Session session = stripe.client().v1().checkout().sessions().create(params,
                    RequestOptions.builder().setIdempotencyKey(claim.idempotencyKey() + ":authenticate").build());
            return session.getUrl();
        } catch (StripeException e) {
            log.warn("Top-up {}: no confirmation Checkout ({}); the notice links the billing page",
                    claim.idempotencyKey(), e.getMessage());
            return properties.returnUrl();
        }
    }
}
