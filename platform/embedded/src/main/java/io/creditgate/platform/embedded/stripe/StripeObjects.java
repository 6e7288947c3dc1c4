package io.creditgate.platform.embedded.stripe;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of Stripe's objects at API version {@value DemoStripe#API_VERSION}, as stripe-java 33.3.0
 * reads them (fields checked against Stripe's OpenAPI fixtures and the SDK's model classes). Where that
 * version moved a field it sits where the version puts it: an invoice's subscription under
 * {@code parent.subscription_details.subscription}, a subscription's period on each item
 * ({@code items.data[].current_period_start/end}), a charge's {@code payment_intent}. Fields the demo never
 * fills are left out or null, as Stripe leaves them null.
 */
final class StripeObjects {

    private StripeObjects() {
    }

    static ObjectNode base(String id, String object, long created) {
        ObjectNode node = StripeJson.object();
        node.put("id", id);
        node.put("object", object);
        node.put("created", created);
        node.put("livemode", false);
        return node;
    }

    static ObjectNode customer(String id, long created, String email, String name, ObjectNode metadata) {
        ObjectNode customer = base(id, "customer", created);
        customer.putNull("address");
        customer.put("balance", 0);
        customer.putNull("currency");
        customer.putNull("default_source");
        customer.put("delinquent", false);
        customer.putNull("description");
        customer.put("email", email);
        customer.put("invoice_prefix", id.substring(4, 12).toUpperCase());
        ObjectNode invoiceSettings = customer.putObject("invoice_settings");
        StripeJson.nulls(invoiceSettings, "custom_fields", "default_payment_method", "footer", "rendering_options");
        customer.set("metadata", metadata);
        customer.put("name", name);
        customer.put("next_invoice_sequence", 1);
        customer.putNull("phone");
        customer.putArray("preferred_locales");
        customer.putNull("shipping");
        customer.put("tax_exempt", "none");
        customer.putNull("test_clock");
        return customer;
    }

    static ObjectNode cardPaymentMethod(String id, long created, TestCards.Card card, String email, String name) {
        ObjectNode method = base(id, "payment_method", created);
        method.put("allow_redisplay", "unspecified");
        method.set("billing_details", billingDetails(email, name));
        ObjectNode details = method.putObject("card");
        details.put("brand", card.brand());
        ObjectNode checks = details.putObject("checks");
        StripeJson.nulls(checks, "address_line1_check", "address_postal_code_check");
        checks.put("cvc_check", "pass");
        details.put("country", "US");
        details.put("display_brand", card.brand());
        details.put("exp_month", 12);
        details.put("exp_year", ZonedDateTime.now(ZoneOffset.UTC).getYear() + 3);
        details.put("fingerprint", "demo" + card.number().substring(6, 14));
        details.put("funding", "credit");
        details.putNull("generated_from");
        details.put("last4", card.last4());
        ObjectNode networks = details.putObject("networks");
        networks.putArray("available").add(card.brand());
        networks.putNull("preferred");
        details.putObject("three_d_secure_usage").put("supported", true);
        details.putNull("wallet");
        method.putNull("customer");
        method.set("metadata", StripeJson.object());
        method.put("type", "card");
        return method;
    }

    static ObjectNode pixPaymentMethod(String id, long created, String email) {
        ObjectNode method = base(id, "payment_method", created);
        method.put("allow_redisplay", "unspecified");
        method.set("billing_details", billingDetails(email, null));
        method.putNull("customer");
        method.set("metadata", StripeJson.object());
        method.putObject("pix");
        method.put("type", "pix");
        return method;
    }

    static ObjectNode billingDetails(String email, String name) {
        ObjectNode details = StripeJson.object();
        ObjectNode address = details.putObject("address");
        StripeJson.nulls(address, "city", "country", "line1", "line2", "postal_code", "state");
        details.put("email", email);
        details.put("name", name);
        details.putNull("phone");
        details.putNull("tax_id");
        return details;
    }

    static ObjectNode product(String id, long created, String name) {
        ObjectNode product = base(id, "product", created);
        product.put("active", true);
        product.putNull("default_price");
        product.putNull("description");
        product.putArray("images");
        product.putArray("marketing_features");
        product.set("metadata", StripeJson.object());
        product.put("name", name);
        product.putNull("package_dimensions");
        product.putNull("shippable");
        product.putNull("statement_descriptor");
        product.putNull("tax_code");
        product.put("type", "service");
        product.putNull("unit_label");
        product.put("updated", created);
        product.putNull("url");
        return product;
    }

    /** A price; {@code interval} null for a one-time price. */
    static ObjectNode price(String id, long created, String currency, long unitAmount, String productId,
                            String interval) {
        ObjectNode price = base(id, "price", created);
        price.put("active", true);
        price.put("billing_scheme", "per_unit");
        price.put("currency", currency);
        price.putNull("custom_unit_amount");
        price.putNull("lookup_key");
        price.set("metadata", StripeJson.object());
        price.putNull("nickname");
        price.put("product", productId);
        if (interval == null) {
            price.putNull("recurring");
        } else {
            ObjectNode recurring = price.putObject("recurring");
            recurring.put("interval", interval);
            recurring.put("interval_count", 1);
            recurring.putNull("meter");
            recurring.putNull("trial_period_days");
            recurring.put("usage_type", "licensed");
        }
        price.put("tax_behavior", "unspecified");
        price.putNull("tiers_mode");
        price.putNull("transform_quantity");
        price.put("type", interval == null ? "one_time" : "recurring");
        price.put("unit_amount", unitAmount);
        price.put("unit_amount_decimal", Long.toString(unitAmount));
        return price;
    }

    /** A Checkout line item ({@code object: item}); it has no {@code created} or {@code livemode}. */
    static ObjectNode checkoutLineItem(String id, ObjectNode price, long quantity, String description) {
        ObjectNode item = StripeJson.object();
        item.put("id", id);
        item.put("object", "item");
        long amount = price.get("unit_amount").asLong() * quantity;
        item.put("amount_discount", 0);
        item.put("amount_subtotal", amount);
        item.put("amount_tax", 0);
        item.put("amount_total", amount);
        item.put("currency", price.get("currency").asString());
        item.put("description", description);
        item.putNull("metadata");
        item.set("price", price.deepCopy());
        item.put("quantity", quantity);
        return item;
    }

    static ObjectNode paymentIntent(String id, long created, long amount, String currency, String customer,
                                    String paymentMethod, String description, ObjectNode metadata,
                                    String setupFutureUsage, String methodType) {
        ObjectNode intent = base(id, "payment_intent", created);
        intent.put("amount", amount);
        intent.put("amount_capturable", 0);
        intent.putObject("amount_details").putObject("tip");
        intent.put("amount_received", 0);
        StripeJson.nulls(intent, "application", "application_fee_amount", "automatic_payment_methods", "canceled_at",
                "cancellation_reason");
        intent.put("capture_method", "automatic_async");
        intent.put("client_secret", id + "_secret_" + id.substring(3));
        intent.put("confirmation_method", "automatic");
        intent.put("currency", currency);
        intent.put("customer", customer);
        intent.put("description", description);
        StripeJson.nulls(intent, "last_payment_error", "latest_charge");
        intent.set("metadata", metadata);
        StripeJson.nulls(intent, "next_action", "on_behalf_of");
        intent.put("payment_method", paymentMethod);
        intent.putNull("payment_method_configuration_details");
        intent.putObject("payment_method_options");
        intent.putArray("payment_method_types").add(methodType);
        StripeJson.nulls(intent, "processing", "receipt_email", "review");
        intent.put("setup_future_usage", setupFutureUsage);
        StripeJson.nulls(intent, "shipping", "source", "statement_descriptor", "statement_descriptor_suffix");
        intent.put("status", "requires_payment_method");
        StripeJson.nulls(intent, "transfer_data", "transfer_group");
        return intent;
    }

    /** A charge; {@code failureCode} null for a succeeded one. */
    static ObjectNode charge(String id, long created, ObjectNode intent, ObjectNode paymentMethod, String failureCode,
                             String failureMessage, String receiptUrl) {
        boolean paid = failureCode == null;
        long amount = intent.get("amount").asLong();
        ObjectNode charge = base(id, "charge", created);
        charge.put("amount", amount);
        charge.put("amount_captured", paid ? amount : 0);
        charge.put("amount_refunded", 0);
        StripeJson.nulls(charge, "application", "application_fee", "application_fee_amount", "balance_transaction");
        charge.set("billing_details", paymentMethod.get("billing_details").deepCopy());
        charge.put("calculated_statement_descriptor", "CREDITGATE DEMO");
        charge.put("captured", paid);
        charge.put("currency", intent.get("currency").asString());
        charge.set("customer", intent.get("customer"));
        charge.set("description", intent.get("description"));
        charge.put("disputed", false);
        charge.putNull("failure_balance_transaction");
        charge.put("failure_code", failureCode);
        charge.put("failure_message", failureMessage);
        charge.putObject("fraud_details");
        charge.set("metadata", intent.get("metadata").deepCopy());
        charge.putNull("on_behalf_of");
        ObjectNode outcome = charge.putObject("outcome");
        outcome.put("network_status", paid ? "approved_by_network" : "declined_by_network");
        outcome.put("reason", paid ? null : failureCode);
        outcome.put("risk_level", "normal");
        outcome.put("risk_score", 20);
        outcome.put("seller_message", paid ? "Payment complete." : "The bank did not return any further details.");
        outcome.put("type", paid ? "authorized" : "issuer_declined");
        charge.put("paid", paid);
        charge.put("payment_intent", intent.get("id").asString());
        charge.put("payment_method", paymentMethod.get("id").asString());
        charge.set("payment_method_details", paymentMethodDetails(paymentMethod));
        charge.set("receipt_email", paymentMethod.path("billing_details").get("email"));
        charge.putNull("receipt_number");
        charge.put("receipt_url", receiptUrl);
        charge.put("refunded", false);
        StripeJson.nulls(charge, "review", "shipping", "source_transfer", "statement_descriptor",
                "statement_descriptor_suffix");
        charge.put("status", paid ? "succeeded" : "failed");
        StripeJson.nulls(charge, "transfer_data", "transfer_group");
        return charge;
    }

    private static ObjectNode paymentMethodDetails(ObjectNode paymentMethod) {
        ObjectNode details = StripeJson.object();
        String type = paymentMethod.get("type").asString();
        if (type.equals("card")) {
            JsonNode card = paymentMethod.get("card");
            ObjectNode used = details.putObject("card");
            for (String field : new String[] {"brand", "checks", "country", "exp_month", "exp_year", "fingerprint",
                    "funding", "last4"}) {
                used.set(field, card.get(field).deepCopy());
            }
            used.put("network", card.get("brand").asString());
            used.putNull("three_d_secure");
            used.putNull("wallet");
        } else {
            details.putObject(type);
        }
        details.put("type", type);
        return details;
    }

    static ObjectNode refund(String id, long created, ObjectNode charge, long amount, String reason,
                             ObjectNode metadata) {
        ObjectNode refund = base(id, "refund", created);
        refund.put("amount", amount);
        refund.putNull("balance_transaction");
        refund.put("charge", charge.get("id").asString());
        refund.put("currency", charge.get("currency").asString());
        ObjectNode destination = refund.putObject("destination_details");
        destination.putObject("card").put("type", "refund");
        destination.put("type", "card");
        refund.set("metadata", metadata);
        refund.set("payment_intent", charge.get("payment_intent"));
        refund.set("payment_method", charge.get("payment_method"));
        refund.put("reason", reason);
        refund.putNull("receipt_number");
        refund.putNull("source_transfer_reversal");
        refund.put("status", "succeeded");
        refund.putNull("transfer_reversal");
        return refund;
    }

    static ObjectNode dispute(String id, long created, ObjectNode charge, long evidenceDueBy) {
        ObjectNode dispute = base(id, "dispute", created);
        dispute.put("amount", charge.get("amount").asLong());
        dispute.putArray("balance_transactions");
        dispute.put("charge", charge.get("id").asString());
        dispute.put("currency", charge.get("currency").asString());
        dispute.putArray("enhanced_eligibility_types");
        dispute.putObject("evidence");
        ObjectNode details = dispute.putObject("evidence_details");
        details.put("due_by", evidenceDueBy);
        details.put("has_evidence", false);
        details.put("past_due", false);
        details.put("submission_count", 0);
        dispute.put("is_charge_refundable", false);
        dispute.set("metadata", StripeJson.object());
        dispute.set("payment_intent", charge.get("payment_intent"));
        dispute.put("reason", "fraudulent");
        dispute.put("status", "needs_response");
        return dispute;
    }

    static ObjectNode subscriptionItem(String id, long created, ObjectNode price, long quantity,
                                       String subscriptionId, long periodStart, long periodEnd) {
        ObjectNode item = base(id, "subscription_item", created);
        item.remove("livemode");
        item.putNull("billing_thresholds");
        item.put("current_period_end", periodEnd);
        item.put("current_period_start", periodStart);
        item.putArray("discounts");
        item.set("metadata", StripeJson.object());
        item.set("price", price.deepCopy());
        item.put("quantity", quantity);
        item.put("subscription", subscriptionId);
        item.putArray("tax_rates");
        return item;
    }

    static ObjectNode subscription(String id, long created, String customer, String currency, List<ObjectNode> items,
                                   ObjectNode metadata, String defaultPaymentMethod) {
        ObjectNode subscription = base(id, "subscription", created);
        StripeJson.nulls(subscription, "application", "application_fee_percent");
        subscription.putObject("automatic_tax").put("enabled", false);
        subscription.put("billing_cycle_anchor", items.get(0).get("current_period_start").asLong());
        subscription.putObject("billing_mode").put("type", "flexible");
        subscription.putNull("cancel_at");
        subscription.put("cancel_at_period_end", false);
        subscription.putNull("canceled_at");
        ObjectNode cancellation = subscription.putObject("cancellation_details");
        StripeJson.nulls(cancellation, "comment", "feedback", "reason");
        subscription.put("collection_method", "charge_automatically");
        subscription.put("currency", currency);
        subscription.put("customer", customer);
        subscription.putNull("days_until_due");
        subscription.put("default_payment_method", defaultPaymentMethod);
        subscription.putNull("default_source");
        subscription.putArray("default_tax_rates");
        subscription.putNull("description");
        subscription.putArray("discounts");
        subscription.putNull("ended_at");
        subscription.set("items", StripeJson.list(items, false,
                "/v1/subscription_items?subscription=" + id));
        subscription.putNull("latest_invoice");
        subscription.set("metadata", metadata);
        StripeJson.nulls(subscription, "on_behalf_of", "pause_collection", "pending_setup_intent", "pending_update",
                "schedule");
        subscription.put("start_date", created);
        subscription.put("status", "active");
        StripeJson.nulls(subscription, "test_clock", "transfer_data", "trial_end", "trial_start");
        return subscription;
    }

    /**
     * An invoice for one period of a subscription. {@code paid} false leaves it open after a failed attempt.
     * Its period fields are the invoice's own (the moment it was made, as Stripe sets them for subscription
     * invoices); the service period is on the line.
     */
    static ObjectNode invoice(String id, long created, ObjectNode subscription, List<ObjectNode> lines,
                              String billingReason, boolean paid, String hostedUrl) {
        long amount = lines.stream().mapToLong(line -> line.get("amount").asLong()).sum();
        ObjectNode invoice = base(id, "invoice", created);
        invoice.put("account_country", "US");
        invoice.put("account_name", "Creditgate demo");
        invoice.put("amount_due", amount);
        invoice.put("amount_overpaid", 0);
        invoice.put("amount_paid", paid ? amount : 0);
        invoice.put("amount_remaining", paid ? 0 : amount);
        invoice.put("amount_shipping", 0);
        invoice.putNull("application");
        invoice.put("attempt_count", 1);
        invoice.put("attempted", true);
        invoice.put("auto_advance", !paid);
        invoice.putObject("automatic_tax").put("enabled", false);
        invoice.put("billing_reason", billingReason);
        invoice.put("collection_method", "charge_automatically");
        invoice.set("currency", subscription.get("currency"));
        invoice.set("customer", subscription.get("customer"));
        invoice.putNull("customer_email");
        invoice.putNull("customer_name");
        invoice.put("customer_tax_exempt", "none");
        invoice.putArray("customer_tax_ids");
        invoice.set("default_payment_method", subscription.get("default_payment_method"));
        invoice.putArray("default_tax_rates");
        invoice.putNull("description");
        invoice.putArray("discounts");
        invoice.putNull("due_date");
        invoice.put("effective_at", created);
        invoice.put("ending_balance", 0);
        invoice.put("hosted_invoice_url", hostedUrl);
        invoice.putNull("invoice_pdf");
        invoice.putObject("issuer").put("type", "self");
        invoice.putNull("last_finalization_error");
        invoice.set("lines", StripeJson.list(lines, false, "/v1/invoices/" + id + "/lines"));
        invoice.set("metadata", StripeJson.object());
        invoice.putNull("next_payment_attempt");
        invoice.put("number", id.substring(3, 11).toUpperCase() + "-0001");
        invoice.putNull("on_behalf_of");
        ObjectNode parent = invoice.putObject("parent");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.set("metadata", subscription.get("metadata").deepCopy());
        details.put("subscription", subscription.get("id").asString());
        parent.put("type", "subscription_details");
        invoice.set("payments", StripeJson.list(List.of(), false, "/v1/invoice_payments?invoice=" + id));
        invoice.put("period_end", created);
        invoice.put("period_start", created);
        invoice.put("post_payment_credit_notes_amount", 0);
        invoice.put("pre_payment_credit_notes_amount", 0);
        invoice.putNull("receipt_number");
        invoice.put("starting_balance", 0);
        invoice.putNull("statement_descriptor");
        invoice.put("status", paid ? "paid" : "open");
        ObjectNode transitions = invoice.putObject("status_transitions");
        transitions.put("finalized_at", created);
        StripeJson.nulls(transitions, "marked_uncollectible_at", "voided_at");
        if (paid) {
            transitions.put("paid_at", created);
        } else {
            transitions.putNull("paid_at");
        }
        invoice.put("subtotal", amount);
        invoice.put("subtotal_excluding_tax", amount);
        invoice.putNull("test_clock");
        invoice.put("total", amount);
        invoice.putArray("total_discount_amounts");
        invoice.put("total_excluding_tax", amount);
        invoice.putArray("total_taxes");
        invoice.putNull("webhooks_delivered_at");
        return invoice;
    }

    /**
     * How an invoice was paid ({@code object: invoice_payment}), listed in the invoice's {@code payments}: the
     * way, since API version 2025-03-31, to get from an invoice to its PaymentIntent.
     */
    static ObjectNode invoicePayment(String id, long created, ObjectNode invoice, ObjectNode intent) {
        ObjectNode payment = base(id, "invoice_payment", created);
        payment.put("amount_paid", intent.get("amount_received").asLong());
        payment.put("amount_requested", intent.get("amount").asLong());
        payment.put("currency", intent.get("currency").asString());
        payment.put("invoice", invoice.get("id").asString());
        payment.put("is_default", true);
        ObjectNode paid = payment.putObject("payment");
        paid.put("payment_intent", intent.get("id").asString());
        paid.put("type", "payment_intent");
        payment.put("status", intent.get("status").asString().equals("succeeded") ? "paid" : "open");
        ObjectNode transitions = payment.putObject("status_transitions");
        transitions.putNull("canceled_at");
        transitions.put("paid_at", created);
        return payment;
    }

    /** The invoice line ({@code object: line_item}, id {@code il_…}) for one subscription item's period. */
    static ObjectNode invoiceLine(String id, String invoiceId, ObjectNode subscriptionItem, String description) {
        ObjectNode price = (ObjectNode) subscriptionItem.get("price");
        long quantity = subscriptionItem.get("quantity").asLong();
        long amount = price.get("unit_amount").asLong() * quantity;
        ObjectNode line = StripeJson.object();
        line.put("id", id);
        line.put("object", "line_item");
        line.put("amount", amount);
        line.put("currency", price.get("currency").asString());
        line.put("description", description);
        line.putArray("discount_amounts");
        line.put("discountable", true);
        line.putArray("discounts");
        line.put("invoice", invoiceId);
        line.put("livemode", false);
        line.set("metadata", StripeJson.object());
        ObjectNode parent = line.putObject("parent");
        parent.putNull("invoice_item_details");
        ObjectNode details = parent.putObject("subscription_item_details");
        details.putNull("invoice_item");
        details.put("proration", false);
        details.putNull("proration_details");
        details.put("subscription", subscriptionItem.get("subscription").asString());
        details.put("subscription_item", subscriptionItem.get("id").asString());
        parent.put("type", "subscription_item_details");
        ObjectNode period = line.putObject("period");
        period.put("end", subscriptionItem.get("current_period_end").asLong());
        period.put("start", subscriptionItem.get("current_period_start").asLong());
        ObjectNode pricing = line.putObject("pricing");
        ObjectNode priceDetails = pricing.putObject("price_details");
        priceDetails.put("price", price.get("id").asString());
        priceDetails.put("product", price.get("product").asString());
        pricing.put("type", "price_details");
        pricing.put("unit_amount_decimal", price.get("unit_amount_decimal").asString());
        line.put("quantity", quantity);
        line.put("subtotal", amount);
        line.putArray("taxes");
        return line;
    }

    static ObjectNode setupIntent(String id, long created, String customer, String paymentMethod, ObjectNode metadata) {
        ObjectNode intent = base(id, "setup_intent", created);
        StripeJson.nulls(intent, "application", "automatic_payment_methods", "cancellation_reason");
        intent.put("client_secret", id + "_secret_" + id.substring(5));
        intent.put("customer", customer);
        StripeJson.nulls(intent, "description", "flow_directions", "last_setup_error", "latest_attempt", "mandate");
        intent.set("metadata", metadata);
        StripeJson.nulls(intent, "next_action", "on_behalf_of");
        intent.put("payment_method", paymentMethod);
        intent.putObject("payment_method_options");
        intent.putArray("payment_method_types").add("card");
        intent.putNull("single_use_mandate");
        intent.put("status", "succeeded");
        intent.put("usage", "off_session");
        return intent;
    }

    /**
     * An event: {@code data.object} is a copy of the object as it is now; {@code previous_attributes} only on
     * {@code *.updated}-like events that changed fields.
     */
    static ObjectNode event(String id, long created, String type, ObjectNode object, ObjectNode previousAttributes,
                            StripeStore.Origin origin, int pendingWebhooks) {
        ObjectNode event = StripeJson.object();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", DemoStripe.API_VERSION);
        event.put("created", created);
        ObjectNode data = event.putObject("data");
        data.set("object", object.deepCopy());
        if (previousAttributes != null) {
            data.set("previous_attributes", previousAttributes);
        }
        event.put("livemode", false);
        event.put("pending_webhooks", pendingWebhooks);
        ObjectNode request = event.putObject("request");
        request.put("id", origin.requestId());
        request.put("idempotency_key", origin.idempotencyKey());
        event.put("type", type);
        return event;
    }

    /** The ids in a JSON array of strings, e.g. payment_method_types. */
    static ArrayNode strings(Iterable<String> values) {
        ArrayNode array = StripeJson.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
