package io.creditgate.payment.topup;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.HasId;
import com.stripe.model.StripeObject;

/** The id of a verified event's object: all a handler takes from the payload before it asks Stripe's API. */
final class EventObjectId {

    static String of(Event event) {
        try {
            // Unsafe only in that the event's API version may differ from the SDK's; an id reads the same in every one.
            StripeObject object = event.getDataObjectDeserializer().getObject()
                    .orElse(event.getDataObjectDeserializer().deserializeUnsafe());
            if (object instanceof HasId identified && identified.getId() != null) {
                return identified.getId();
            }
        } catch (EventDataObjectDeserializationException e) {
            throw new IllegalArgumentException("Event " + event.getId() + " has an unreadable object: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Event " + event.getId() + " (" + event.getType() + ") names no object id");
    }

    private EventObjectId() {
    }
}
