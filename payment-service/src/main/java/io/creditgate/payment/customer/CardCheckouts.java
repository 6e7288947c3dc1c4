package io.creditgate.payment.customer;

import java.util.Optional;
import java.util.UUID;

import com.stripe.model.Event;
import com.stripe.model.PaymentMethod;
import com.stripe.model.SetupIntent;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.checkout.CheckoutSessionListener;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Saving a card for auto top-up: a Checkout Session in {@code mode=setup} where the user types the card, and its
 * completion, which the checkout feature hands on (it owns the {@code checkout.session.*} events): the session's
 * SetupIntent names the PaymentMethod, whose brand and last four digits the dashboard shows. Everything is read back
 * from Stripe's API, never from a webhook's payload.
 */
@Component
public class CardCheckouts implements CheckoutSessionListener {

    /** The {@code metadata.purpose} of a Checkout Session that saves a card for auto top-up. */
    public static final String PURPOSE = "auto_top_up_card";
    private static final Logger log = LoggerFactory.getLogger(CardCheckouts.class);

    private final StripeAccess stripe;
    private final StripeCustomers customers;
    private final PaymentLinks links;

    CardCheckouts(StripeAccess stripe, StripeCustomers customers, PaymentLinks links) {
        this.stripe = stripe;
        this.customers = customers;
        this.links = links;
    }

    /**
     * A Checkout Session in {@code mode=setup} on the user's customer: the user enters a card, Stripe saves it for
     * off-session use (a SetupIntent, {@code usage=off_session}) and charges nothing.
     *
     * @param currency the currency the card will be charged in (Checkout needs one in setup mode)
     * @return the session's URL
     */
    public String startSaving(String userId, String currency) {
        String customer = customers.customerFor(userId);
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP)
                .setCustomer(customer)
                .setCurrency(currency)
                .addPaymentMethodType(SessionCreateParams.PaymentMethodType.CARD)
                .setClientReferenceId(userId)
                .setSuccessUrl(links.buyPage() + "?card=saved")
                .setCancelUrl(links.buyPage() + "?card=cancelled")
                .setSetupIntentData(SessionCreateParams.SetupIntentData.builder()
                        .putMetadata("userId", userId).putMetadata("purpose", PURPOSE).build())
                .putMetadata("userId", userId)
                .putMetadata("purpose", PURPOSE)
                .build();
        // An idempotency key per attempt: stripe-java's own retries of this request get the same session.
        RequestOptions options = RequestOptions.builder()
                .setIdempotencyKey("card-checkout:" + userId + ":" + UUID.randomUUID()).build();
        return StripeCallFailedException.call("creating a card Checkout Session",
                () -> stripe.client().v1().checkout().sessions().create(params, options)).getUrl();
    }

    /** A completed card-saving session saves its card; every other session is someone else's. */
    @Override
    public void onSession(Event event, Session session) {
        if (!"setup".equals(session.getMode()) || session.getMetadata() == null
                || !PURPOSE.equals(session.getMetadata().get("purpose"))) {
            return;
        }
        if (!"complete".equals(session.getStatus()) || session.getSetupIntent() == null) {
            log.info("Card Checkout Session {} is {}: no card yet", session.getId(), session.getStatus());
            return;
        }
        saveCard(session.getMetadata().get("userId"), session.getCustomer(), session.getSetupIntent());
    }

    /**
     * Saves the card of a succeeded off-session SetupIntent as the user's card, when the customer is the user's.
     *
     * @return the card, when one was saved now (a redelivered session saves nothing new)
     */
    Optional<SavedCard> saveCard(String userId, String customerId, String setupIntentId) {
        Optional<String> customer = userId == null ? Optional.empty() : customers.find(userId);
        if (customer.isEmpty() || !customer.get().equals(customerId)) {
            log.warn("Card Checkout for user {} has customer {}, not theirs: no card saved", userId, customerId);
            return Optional.empty();
        }
        SetupIntent intent = StripeCallFailedException.call("retrieving SetupIntent " + setupIntentId,
                () -> stripe.client().v1().setupIntents().retrieve(setupIntentId));
        if (!"succeeded".equals(intent.getStatus()) || !customerId.equals(intent.getCustomer())
                || intent.getPaymentMethod() == null) {
            log.info("SetupIntent {} is {} for {}: no card saved", setupIntentId, intent.getStatus(), intent.getCustomer());
            return Optional.empty();
        }
        PaymentMethod method = StripeCallFailedException.call("retrieving PaymentMethod " + intent.getPaymentMethod(),
                () -> stripe.client().v1().paymentMethods().retrieve(intent.getPaymentMethod()));
        if (method.getCard() == null) {
            return Optional.empty();
        }
        SavedCard card = new SavedCard(customerId, method.getId(), method.getCard().getBrand(), method.getCard().getLast4());
        if (!customers.saveCard(userId, card, setupIntentId)) {
            return Optional.empty();
        }
        log.info("User {} saved a {} card ending {} for auto top-up", userId, card.brand(), card.last4());
        return Optional.of(card);
    }
}
