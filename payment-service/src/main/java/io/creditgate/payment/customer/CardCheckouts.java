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
 * Learns the card a Checkout Session in {@code mode=setup} saved: the session's SetupIntent names the PaymentMethod,
 * whose brand and last four digits the dashboard shows. Everything is read back from Stripe's API, never from a
 * webhook's payload.
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

    /** True when the session (as retrieved from Stripe) is one of ours that saves a card. */
    public static boolean savesACard(Session session) {
        return session.getMetadata() != null && PURPOSE.equals(session.getMetadata().get("purpose"));
    }

    /**
     * Saves the card of a completed card-saving session for the user it names; nothing for another session, an
     * incomplete one, or one whose customer is not the user's.
     *
     * @return the card, when one was saved now
     */
    public Optional<SavedCard> saveCardOf(String sessionId) throws StripeException {
        Session session = stripe.client().v1().checkout().sessions().retrieve(sessionId);
        if (!savesACard(session) || !"complete".equals(session.getStatus()) || session.getSetupIntent() == null) {
            log.info("Checkout Session {} saves no card (purpose {}, status {})", sessionId,
                    session.getMetadata() == null ? null : session.getMetadata().get("purpose"), session.getStatus());
            return Optional.empty();
        }
        String userId = session.getMetadata().get("userId");
        Optional<String> customer = userId == null ? Optional.empty() : customers.find(userId);
        if (customer.isEmpty() || !customer.get().equals(session.getCustomer())) {
            log.warn("Checkout Session {} names user {} whose customer is not {}: no card saved", sessionId, userId,
                    session.getCustomer());
            return Optional.empty();
        }
        SetupIntent intent = stripe.client().v1().setupIntents().retrieve(session.getSetupIntent());
        if (!"succeeded".equals(intent.getStatus()) || intent.getPaymentMethod() == null) {
            return Optional.empty();
        }
        PaymentMethod method = stripe.client().v1().paymentMethods().retrieve(intent.getPaymentMethod());
        if (method.getCard() == null) {
            return Optional.empty();
        }
        SavedCard card = new SavedCard(customer.get(), method.getId(), method.getCard().getBrand(),
                method.getCard().getLast4());
        return customers.saveCard(userId, card, sessionId) ? Optional.of(card) : Optional.empty();
    }
}
