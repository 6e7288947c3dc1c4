package io.creditgate.payment.stripe;

import java.util.Set;

import com.stripe.model.Event;

/**
 * One feature's reaction to Stripe events (checkout fulfilment, refunds, disputes, top-ups, subscriptions). The webhook
 * verifies the signature, then calls the handler of the event's type inside the transaction that records the event id
 * as processed: a handler that throws rolls the whole event back and the webhook answers 500, so Stripe delivers it
 * again; a handler that returns has made the event's effects durable (outbox rows included) before Stripe hears 2xx.
 *
 * <p>A handler never trusts the payload alone for money: it retrieves the object from Stripe's API (the payload may
 * be stale, out of order or, for an unsigned event, forged) and is idempotent by the object's own id, because Stripe
 * may send several events about one object in any order.
 */
public interface StripeEventHandler {

    /** The event types this handler takes, e.g. {@code checkout.session.completed}. No two handlers share a type. */
    Set<String> eventTypes();

    /** Acts on one verified event. Runs in the webhook's transaction. */
    void handle(Event event);
}
