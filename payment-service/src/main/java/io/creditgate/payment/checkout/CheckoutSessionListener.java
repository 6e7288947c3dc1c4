package io.creditgate.payment.checkout;

import com.stripe.model.Event;
import com.stripe.model.checkout.Session;

/**
 * Another feature's interest in Checkout Sessions (a subscription bought, a card saved for top-ups). The checkout
 * handler owns the {@code checkout.session.*} event types; it retrieves the session from Stripe (line items and
 * PaymentIntent expanded) and then calls every listener with it, in the webhook's transaction, for every mode. A
 * listener picks the sessions it cares about (by mode or metadata) and is idempotent by the session's id.
 */
public interface CheckoutSessionListener {

    void onSession(Event event, Session session);
}
