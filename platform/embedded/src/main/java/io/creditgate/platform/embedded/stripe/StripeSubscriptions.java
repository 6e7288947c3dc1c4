package io.creditgate.platform.embedded.stripe;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Subscriptions and their invoices: started by a subscription Checkout, renewed one period at a time (paid or
 * failed, on command, since the demo has no clock of its own), updated to cancel at the period's end,
 * cancelled. Each period is billed by an invoice paid through a PaymentIntent and its charge, so a renewal
 * can be refunded like any other payment.
 */
final class StripeSubscriptions {

    private final StripeStore store;
    private final StripeEvents events;
    private final StripeCharges charges;
    private final String publicUrl;

    StripeSubscriptions(StripeStore store, StripeEvents events, StripeCharges charges, String publicUrl) {
        this.store = store;
        this.events = events;
        this.charges = charges;
        this.publicUrl = publicUrl;
    }

    /** A line of a subscription Checkout: the recurring price and how many. */
    record Line(ObjectNode price, long quantity) {
    }

    /**
     * Starts a subscription paid by {@code method}: {@code customer.subscription.created}, then its first
     * invoice paid ({@code invoice.paid}, {@code billing_reason} subscription_create).
     */
    ObjectNode start(String customer, ObjectNode method, List<Line> lines, ObjectNode metadata) {
        long now = StripeEvents.now();
        String id = store.newId("sub");
        List<ObjectNode> items = new ArrayList<>();
        for (Line line : lines) {
            items.add(StripeObjects.subscriptionItem(store.newId("si"), now, line.price(), line.quantity(), id, now,
                    periodEnd(now, line.price())));
        }
        ObjectNode subscription = StripeObjects.subscription(id, now, customer,
                lines.get(0).price().get("currency").asString(), items, metadata, method.get("id").asString());
        store.put(subscription);
        events.emit("customer.subscription.created", subscription);
        bill(subscription, "subscription_create", true);
        return subscription;
    }

    ObjectNode get(String id) {
        return store.get(id, "subscription", "subscription");
    }

    ObjectNode invoice(String id) {
        return store.get(id, "invoice", "invoice");
    }

    /**
     * Starts the next period: every item's period moves on by its interval and a new invoice is paid or
     * fails ({@code invoice.paid} or {@code invoice.payment_failed}; a failure leaves the subscription
     * {@code past_due}). A subscription set to cancel at the period's end ends instead. Returns the new
     * invoice, or null when the subscription ended.
     */
    ObjectNode renew(String id, boolean paid) {
        ObjectNode subscription = get(id);
        requireNotCanceled(subscription);
        if (subscription.get("cancel_at_period_end").asBoolean()) {
            cancel(id, "cancellation_requested");
            return null;
        }
        for (JsonNode item : subscription.get("items").get("data")) {
            ObjectNode live = (ObjectNode) item;
            long start = live.get("current_period_end").asLong();
            live.put("current_period_start", start);
            live.put("current_period_end", periodEnd(start, (ObjectNode) live.get("price")));
        }
        ObjectNode previous = StripeJson.object();
        previous.set("latest_invoice", subscription.get("latest_invoice"));
        String status = subscription.get("status").asString();
        ObjectNode invoice = bill(subscription, "subscription_cycle", paid);
        String newStatus = paid ? "active" : "past_due";
        if (!newStatus.equals(status)) {
            previous.put("status", status);
            subscription.put("status", newStatus);
        }
        events.emit("customer.subscription.updated", subscription, previous);
        return invoice;
    }

    /** {@code POST /v1/subscriptions/{id}}: {@code cancel_at_period_end} and {@code metadata}. */
    ObjectNode update(String id, StripeForm form) {
        ObjectNode subscription = get(id);
        if (subscription.get("status").asString().equals("canceled")) {
            throw StripeError.invalidRequest("A canceled subscription can only update its cancellation_details"
                    + " and metadata.", null);
        }
        ObjectNode previous = StripeJson.object();
        if (form.has("cancel_at_period_end")) {
            boolean cancel = form.bool("cancel_at_period_end");
            if (cancel != subscription.get("cancel_at_period_end").asBoolean()) {
                previous.put("cancel_at_period_end", !cancel);
                previous.set("cancel_at", subscription.get("cancel_at"));
                subscription.put("cancel_at_period_end", cancel);
                if (cancel) {
                    subscription.put("cancel_at", periodEndOf(subscription));
                } else {
                    subscription.putNull("cancel_at");
                }
            }
        }
        if (form.has("metadata")) {
            previous.set("metadata", subscription.get("metadata").deepCopy());
            ObjectNode metadata = (ObjectNode) subscription.get("metadata");
            form.map("metadata").forEach((key, value) -> {
                if ("".equals(value)) {
                    metadata.remove(key);
                } else {
                    metadata.put(key, String.valueOf(value));
                }
            });
        }
        if (!previous.isEmpty()) {
            events.emit("customer.subscription.updated", subscription, previous);
        }
        return subscription;
    }

    /** Ends it now ({@code DELETE /v1/subscriptions/{id}} or the end of dunning): {@code …subscription.deleted}. */
    ObjectNode cancel(String id, String reason) {
        ObjectNode subscription = get(id);
        requireNotCanceled(subscription);
        long now = StripeEvents.now();
        subscription.put("status", "canceled");
        subscription.put("canceled_at", now);
        subscription.put("ended_at", now);
        ((ObjectNode) subscription.get("cancellation_details")).put("reason", reason);
        events.emit("customer.subscription.deleted", subscription);
        return subscription;
    }

    private ObjectNode bill(ObjectNode subscription, String billingReason, boolean paid) {
        long now = StripeEvents.now();
        String invoiceId = store.newId("in");
        List<ObjectNode> lines = new ArrayList<>();
        for (JsonNode item : subscription.get("items").get("data")) {
            lines.add(StripeObjects.invoiceLine(store.newId("il"), invoiceId, (ObjectNode) item,
                    description((ObjectNode) item)));
        }
        ObjectNode invoice = StripeObjects.invoice(invoiceId, now, subscription, lines, billingReason, paid,
                publicUrl + "/invoices/" + invoiceId);
        store.put(invoice);
        subscription.put("latest_invoice", invoiceId);
        ObjectNode method = store.get(subscription.get("default_payment_method").asString(), "payment_method",
                "PaymentMethod");
        ObjectNode intent = charges.newIntent(invoice.get("amount_due").asLong(), invoice.get("currency").asString(),
                subscription.get("customer").asString(), method.get("id").asString(),
                billingReason.equals("subscription_create") ? "Subscription creation" : "Subscription update",
                StripeJson.object(), "off_session", "card");
        if (paid) {
            charges.succeed(intent, method);
        } else {
            charges.declined(intent, method);
        }
        ObjectNode payment = StripeObjects.invoicePayment(store.newId("inpay"), now, invoice, intent);
        ((tools.jackson.databind.node.ArrayNode) invoice.get("payments").get("data")).add(payment);
        if (paid) {
            events.emit("invoice.paid", invoice);
            events.emit("invoice.payment_succeeded", invoice);
        } else {
            ((ObjectNode) invoice.get("status_transitions")).putNull("paid_at");
            invoice.put("next_payment_attempt", now + 3 * 24 * 3600);
            events.emit("invoice.payment_failed", invoice);
        }
        return invoice;
    }

    private String description(ObjectNode item) {
        ObjectNode price = (ObjectNode) item.get("price");
        ObjectNode product = store.find(price.get("product").asString());
        String name = product == null ? "Subscription" : product.get("name").asString();
        return item.get("quantity").asLong() + " × " + name + " (at "
                + StripeCharges.money(price.get("unit_amount").asLong(), price.get("currency").asString()) + " / "
                + price.get("recurring").get("interval").asString() + ")";
    }

    private static void requireNotCanceled(ObjectNode subscription) {
        if (subscription.get("status").asString().equals("canceled")) {
            throw StripeError.invalidRequest("This subscription (" + subscription.get("id").asString()
                    + ") is already canceled.", "id");
        }
    }

    private static long periodEndOf(ObjectNode subscription) {
        return subscription.get("items").get("data").get(0).get("current_period_end").asLong();
    }

    /** One interval after {@code start}, in calendar terms (a month is a calendar month, as on Stripe). */
    static long periodEnd(long start, ObjectNode price) {
        ZonedDateTime from = Instant.ofEpochSecond(start).atZone(ZoneOffset.UTC);
        String interval = price.get("recurring").get("interval").asString();
        ZonedDateTime end = switch (interval) {
            case "day" -> from.plusDays(1);
            case "week" -> from.plusWeeks(1);
            case "year" -> from.plusYears(1);
            default -> from.plusMonths(1);
        };
        return end.toEpochSecond();
    }
}
