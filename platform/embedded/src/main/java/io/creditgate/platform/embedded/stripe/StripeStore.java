package io.creditgate.platform.embedded.stripe;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.node.ObjectNode;

/**
 * Every object the demo Stripe holds, by id, in memory: customers, payment methods, sessions, intents,
 * charges, refunds, disputes, subscriptions, invoices, events. Also what Stripe keeps but never shows (the
 * card number behind a payment method) and the idempotency records.
 *
 * <p>Not thread-safe on purpose: {@link DemoStripe} runs every request and every control action under one
 * lock, which is what makes "the same idempotency key from 20 threads charges once" hold without more.
 */
final class StripeStore {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Idempotency records kept at most (Stripe prunes keys after 24 h); the oldest go first. */
    private static final int MAX_IDEMPOTENCY_KEYS = 10_000;

    /** The request behind what happens now, for an event's {@code request} field. */
    record Origin(String requestId, String idempotencyKey) {

        static final Origin NONE = new Origin(null, null);
    }

    /** The first answer to a POST with an idempotency key, replayed to every retry with the same parameters. */
    record IdempotentResponse(String route, Map<String, Object> params, int status, String body) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ObjectNode> objects = new HashMap<>();
    private final List<ObjectNode> events = new ArrayList<>();
    private final Map<String, String> cardNumbers = new HashMap<>();
    private final Map<String, IdempotentResponse> idempotency = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IdempotentResponse> eldest) {
            return size() > MAX_IDEMPOTENCY_KEYS;
        }
    };
    private final Consumer<ObjectNode> eventSink;
    private Origin origin = Origin.NONE;

    /** @param eventSink receives every event once it is stored (the webhook deliveries) */
    StripeStore(Consumer<ObjectNode> eventSink) {
        this.eventSink = eventSink;
    }

    /** A fresh id such as {@code cus_Qx3…}; {@code cs_test_…} ids are longer, as Stripe's are. */
    String newId(String prefix) {
        int length = prefix.startsWith("cs_") ? 58 : 24;
        StringBuilder id = new StringBuilder(prefix).append('_');
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    void put(ObjectNode object) {
        objects.put(object.get("id").asString(), object);
    }

    /** The stored object (live, not a copy) of the given Stripe type, or Stripe's 404 naming the noun. */
    ObjectNode get(String id, String objectType, String noun) {
        ObjectNode object = id == null ? null : objects.get(id);
        if (object == null || !object.path("object").asString("").equals(objectType)) {
            throw StripeError.noSuch(noun, id);
        }
        return object;
    }

    /** Any stored object by id, or null; used to expand references. */
    ObjectNode find(String id) {
        return objects.get(id);
    }

    List<ObjectNode> all(String objectType) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode object : objects.values()) {
            if (object.path("object").asString("").equals(objectType)) {
                found.add(object);
            }
        }
        found.sort((a, b) -> Long.compare(a.path("created").asLong(), b.path("created").asLong()));
        return found;
    }

    void rememberCard(String paymentMethodId, String number) {
        cardNumbers.put(paymentMethodId, number);
    }

    /** The card number behind a payment method; never on the wire. Null for non-card methods. */
    String cardNumber(String paymentMethodId) {
        return cardNumbers.get(paymentMethodId);
    }

    /** Stores an event and hands it to the webhooks; events are kept in creation order. */
    void recordEvent(ObjectNode event) {
        put(event);
        events.add(event);
        eventSink.accept(event);
    }

    /** Events, oldest first (a copy of the list; the events themselves are never changed after creation). */
    List<ObjectNode> events() {
        return List.copyOf(events);
    }

    Origin origin() {
        return origin;
    }

    void setOrigin(Origin origin) {
        this.origin = origin == null ? Origin.NONE : origin;
    }

    IdempotentResponse idempotentResponse(String key) {
        return idempotency.get(key);
    }

    void rememberResponse(String key, IdempotentResponse response) {
        idempotency.put(key, response);
    }
}
