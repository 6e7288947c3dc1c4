package io.creditgate.payment.outbox;

import io.creditgate.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * The payment service's transactional outbox: what it must tell the rest of Creditgate is first written to its own
 * PostgreSQL, in the same transaction as the fact that caused it (a Stripe event marked processed, a manual purchase
 * recorded), and only then published to Kafka by a relay. So a webhook is answered 2xx only once its purchase is
 * durable, and Kafka being down loses nothing and publishes nothing twice that the ledger would fold twice (the ledger
 * dedupes by the event's own keys).
 */
public interface Outbox {

    /**
     * Appends one event to the outbox. Must run inside the caller's transaction (it joins it; without one it fails):
     * the event is published if and only if that transaction commits.
     *
     * @param topic where the relay publishes it ({@code Topics.PAYMENT_EVENTS} or {@code Topics.PAYMENT_NOTICES})
     * @param key the record key, always the user id (one user's events stay ordered on one partition)
     * @param event an event of the topic's codec
     */
    void append(Topic topic, String key, SpecificRecord event);
}
