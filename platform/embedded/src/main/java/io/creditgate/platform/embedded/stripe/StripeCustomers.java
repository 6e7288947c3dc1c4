package io.creditgate.platform.embedded.stripe;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/** Customers and their payment methods: create, attach a card, list what a customer has saved. */
final class StripeCustomers {

    private final StripeStore store;
    private final StripeEvents events;

    StripeCustomers(StripeStore store, StripeEvents events) {
        this.store = store;
        this.events = events;
    }

    /** {@code POST /v1/customers}: email, name, metadata. */
    ObjectNode create(StripeForm form) {
        return create(form.string("email"), form.string("name"), StripeJson.metadata(form.map("metadata")));
    }

    ObjectNode create(String email, String name, ObjectNode metadata) {
        ObjectNode customer = StripeObjects.customer(store.newId("cus"), StripeEvents.now(), email, name, metadata);
        store.put(customer);
        events.emit("customer.created", customer);
        return customer;
    }

    ObjectNode get(String id) {
        return store.get(id, "customer", "customer");
    }

    /** A new card payment method for a test card; the number is kept out of the JSON. */
    ObjectNode newCard(TestCards.Card card, String email, String name) {
        ObjectNode method = StripeObjects.cardPaymentMethod(store.newId("pm"), StripeEvents.now(), card, email, name);
        store.put(method);
        store.rememberCard(method.get("id").asString(), card.number());
        return method;
    }

    ObjectNode newPix(String email) {
        ObjectNode method = StripeObjects.pixPaymentMethod(store.newId("pm"), StripeEvents.now(), email);
        store.put(method);
        return method;
    }

    /** Saves a payment method to a customer for later (off-session) use: {@code payment_method.attached}. */
    void attach(ObjectNode paymentMethod, String customerId) {
        paymentMethod.put("customer", customerId);
        events.emit("payment_method.attached", paymentMethod);
    }

    ObjectNode paymentMethod(String id) {
        return store.get(id, "payment_method", "PaymentMethod");
    }

    /** {@code GET /v1/customers/{id}/payment_methods}, newest first, optionally of one {@code type}. */
    ObjectNode paymentMethods(String customerId, String type, long limit) {
        get(customerId);
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode method : store.all("payment_method")) {
            if (customerId.equals(method.path("customer").asString(null))
                    && (type == null || type.equals(method.get("type").asString()))) {
                found.add(0, method);
            }
        }
        boolean hasMore = found.size() > limit;
        return StripeJson.list(found.subList(0, (int) Math.min(limit, found.size())), hasMore,
                "/v1/customers/" + customerId + "/payment_methods");
    }
}
