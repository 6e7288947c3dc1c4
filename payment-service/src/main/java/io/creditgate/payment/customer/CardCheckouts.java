package io.creditgate.payment.customer;

import java.util.Optional;

import com.stripe.exception.StripeException;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.stripe.StripeAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Saving a card for auto top-up: a Checkout Session in {@code mode=setup} where the user types the card, and the
 * {@code setup_intent.succeeded} it ends with, whose PaymentMethod (brand and last four digits for the dashboard) becomes
 * the user's saved card. Everything is read back from Stripe's API, never from a webhook's payload.
 */
@Component
public class CardCheckouts {

    /** The {@code metadata.purpose} of a Checkout Session that saves a card for auto top-up. */
    public static final String PURPOSE = "auto_top_up_card";
    private static final Logger log = LoggerFactory.getLogger(CardCheckouts.class);

    private final StripeAccess stripe;
    private final StripeCustomers customers;

    CardCheckouts(StripeAccess stripe, StripeCustomers customers) {
        this.stripe = stripe;
        this.customers = customers;
    }

    /**
     * A Checkout Session in {@code mode=setup} on the user's customer: the user enters a card, Stripe saves it for
     * off-session use (a SetupIntent, {@code usage=off_session}) and charges nothing. Its completion is turned into
     * the saved card by {@link #saveCardOf}.
     *
     * @param currency the currency the card will be charged in (Checkout needs one in setup mode)
     * @param returnUrl the page Stripe sends the user back to
     * @return the session's URL
     */
    public String startSaving(String userId, String currency, String returnUrl) throws StripeException {
        String customer = customers.customerFor(userId);
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCustomer(customer)
                .setCurrency(currency)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setClientReferenceId(userId)
                .setSuccessUrl(returnUrl + "?card=saved")
                .setCancelUrl(returnUrl + "?card=cancelled")
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                        .putMetadata("userId", userId).putMetadata("purpose", PURPOSE).build())
                .putMetadata("userId", userId)
                .putMetadata("purpose", PURPOSE)
                .build();
        // An idempotency key per attempt: a retried request gets the same session, a new click a new one.
        Session session = stripe.client().v1().checkout().sessions().create(params,
                RequestOptions.builder().setIdempotencyKey("card-checkout:" + userId + ":" + java.util.UUID.randomUUID())
                        .build());
        return session.getUrl();
    }

    /**
     * Saves the card a succeeded off-session SetupIntent attached to one of our customers as that customer's user's
     * card. The SetupIntent is retrieved from Stripe; its customer, not a metadata field, says whose card it is (the
     * customer was created for exactly one user), and one that carries a {@code purpose} other than ours is left alone.
     *
     * @return the card, when one was saved now
     */
    public Optional<SavedCard> saveCardOf(String setupIntentId) throws StripeException {
        SetupIntent intent = stripe.client().v1().setupIntents().retrieve(setupIntentId);
        String purpose = intent.getMetadata() == null ? null : intent.getMetadata().get("purpose");
        Optional<String> userId = intent.getCustomer() == null ? Optional.empty() : customers.userOf(intent.getCustomer());
        if (userId.isEmpty() || (purpose != null && !PURPOSE.equals(purpose)) || !"succeeded".equals(intent.getStatus())
                || !"off_session".equals(intent.getUsage()) || intent.getPaymentMethod() == null) {
            log.info("SetupIntent {} saves no auto top-up card (customer {}, purpose {}, status {}, usage {})",
                    setupIntentId, intent.getCustomer(), purpose, intent.getStatus(), intent.getUsage());
            return Optional.empty();
        }
        PaymentMethod method = stripe.client().v1().paymentMethods().retrieve(intent.getPaymentMethod());
        if (method.getCard() == null) {
            return Optional.empty();
        }
        SavedCard card = new SavedCard(intent.getCustomer(), method.getId(), method.getCard().getBrand(),
                method.getCard().getLast4());
        if (!customers.saveCard(userId.get(), card, setupIntentId)) {
            return Optional.empty();
        }
        log.info("User {} saved card {} ending {} for auto top-up", userId.get(), card.brand(), card.last4());
        return Optional.of(card);
    }
}
