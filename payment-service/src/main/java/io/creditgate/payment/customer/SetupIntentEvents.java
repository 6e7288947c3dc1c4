package io.creditgate.payment.customer;

import java.util.Set;

import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import org.springframework.stereotype.Component;

/**
 * {@code setup_intent.succeeded}: a card saved for off-session use (the card Checkout of auto top-up ends with it).
 * This event rather than {@code checkout.session.completed}, which the checkout feature takes for pack purchases: the
 * SetupIntent is what holds the card, and no two handlers share an event type.
 */
@Component
class SetupIntentEvents implements StripeEventHandler {

    private final CardCheckouts cards;

    SetupIntentEvents(CardCheckouts cards) {
        this.cards = cards;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("setup_intent.succeeded");
    }

    @Override
    public void handle(Event event) {
        String id = StripeEvents.objectId(event);
        try {
            cards.saveCardOf(id);
        } catch (StripeException e) {
            // Thrown: the webhook answers 500 and Stripe delivers the event again later.
            throw new IllegalStateException("Could not read SetupIntent " + id + " from Stripe: " + e.getMessage(), e);
        }
    }
}
