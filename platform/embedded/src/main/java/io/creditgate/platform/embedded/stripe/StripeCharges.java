package io.creditgate.platform.embedded.stripe;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * Money moving on a card: PaymentIntents and the charges they make, refunds and disputes. A test card's
 * behaviour ({@link TestCards}) decides whether a charge succeeds, needs authentication or is declined.
 */
final class StripeCharges {

    private static final Set<String> REFUND_REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");
    /** How long a merchant has to answer a dispute, as card networks give roughly. */
    private static final Duration EVIDENCE_WINDOW = Duration.ofDays(7);

    private final StripeStore store;
    private final StripeEvents events;
    private final StripeCustomers customers;
    private final String publicUrl;

    StripeCharges(StripeStore store, StripeEvents events, StripeCustomers customers, String publicUrl) {
        this.store = store;
        this.events = events;
        this.customers = customers;
        this.publicUrl = publicUrl;
    }

    /**
     * {@code POST /v1/payment_intents}. With {@code confirm=true} and a payment method the card is charged at
     * once; a refusal is a 402 card error carrying the PaymentIntent, which stays stored (as on Stripe).
     */
    ObjectNode createPaymentIntent(StripeForm form) {
        long amount = positiveAmount(form.longValue("amount"), "amount");
        String currency = currency(form.require("currency"));
        String customer = form.string("customer");
        if (customer != null) {
            customers.get(customer);
        }
        String methodId = form.string("payment_method");
        ObjectNode method = methodId == null ? null : customers.paymentMethod(methodId);
        if (method != null && customer != null && !customer.equals(method.path("customer").asString(null))) {
            throw StripeError.invalidRequest("The provided PaymentMethod " + methodId + " does not belong to the"
                    + " Customer " + customer + ". Please attach it to the Customer first.", "payment_method");
        }
        boolean confirm = form.bool("confirm");
        if (form.bool("off_session") && !confirm) {
            throw StripeError.invalidRequest("You can only pass in `off_session` when `confirm` is set to true.",
                    "off_session");
        }
        ObjectNode intent = newIntent(amount, currency, customer, methodId, form.string("description"),
                StripeJson.metadata(form.map("metadata")), form.string("setup_future_usage"),
                method == null ? "card" : method.get("type").asString());
        if (!confirm) {
            intent.put("status", method == null ? "requires_payment_method" : "requires_confirmation");
            return intent;
        }
        if (method == null) {
            throw StripeError.invalidRequest("You cannot confirm this PaymentIntent because it's missing a payment"
                    + " method. To confirm the PaymentIntent with " + customer + ", specify a payment method"
                    + " attached to this customer along with the customer ID.", "payment_method");
        }
        return confirmWithCard(intent, method, form.bool("off_session"));
    }

    ObjectNode newIntent(long amount, String currency, String customer, String methodId, String description,
                         ObjectNode metadata, String setupFutureUsage, String methodType) {
        ObjectNode intent = StripeObjects.paymentIntent(store.newId("pi"), StripeEvents.now(), amount, currency,
                customer, methodId, description, metadata, setupFutureUsage, methodType);
        store.put(intent);
        events.emit("payment_intent.created", intent);
        return intent;
    }

    ObjectNode paymentIntent(String id) {
        return store.get(id, "payment_intent", "payment_intent");
    }

    ObjectNode charge(String id) {
        return store.get(id, "charge", "charge");
    }

    /** Charges a saved card by its test behaviour; throws the 402 Stripe answers when the card is refused. */
    ObjectNode confirmWithCard(ObjectNode intent, ObjectNode method, boolean offSession) {
        TestCards.Card card = TestCards.find(store.cardNumber(method.get("id").asString()));
        TestCards.Behaviour behaviour = card == null ? TestCards.Behaviour.DECLINED_GENERIC : card.behaviour();
        switch (behaviour) {
            case SUCCEEDS:
                return succeed(intent, method);
            case REQUIRES_AUTHENTICATION:
                if (!offSession) {
                    intent.put("status", "requires_action");
                    ObjectNode next = intent.putObject("next_action");
                    next.put("type", "use_stripe_sdk");
                    next.putObject("use_stripe_sdk").put("type", "three_d_secure_redirect");
                    events.emit("payment_intent.requires_action", intent);
                    return intent;
                }
                throw fail(intent, method, null, "authentication_required", "authentication_required",
                        "Your card was declined. This transaction requires authentication.");
            case DECLINED_INSUFFICIENT_FUNDS:
                throw fail(intent, method, failedCharge(intent, method, "card_declined",
                        "Your card has insufficient funds."), "card_declined", "insufficient_funds",
                        "Your card has insufficient funds.");
            default:
                throw fail(intent, method, failedCharge(intent, method, "card_declined", "Your card was declined."),
                        "card_declined", "generic_decline", "Your card was declined.");
        }
    }

    /** The intent paid: a succeeded charge, {@code charge.succeeded} then {@code payment_intent.succeeded}. */
    ObjectNode succeed(ObjectNode intent, ObjectNode method) {
        String chargeId = store.newId("ch");
        ObjectNode charge = StripeObjects.charge(chargeId, StripeEvents.now(), intent, method, null, null,
                publicUrl + "/receipts/" + chargeId);
        store.put(charge);
        intent.put("payment_method", method.get("id").asString());
        intent.put("amount_received", intent.get("amount").asLong());
        intent.put("latest_charge", chargeId);
        intent.putNull("last_payment_error");
        intent.putNull("next_action");
        intent.put("status", "succeeded");
        events.emit("charge.succeeded", charge);
        events.emit("payment_intent.succeeded", intent);
        return intent;
    }

    /** A payment without the customer present that the card refused (a failed renewal): no 402, just the state. */
    void declined(ObjectNode intent, ObjectNode method) {
        fail(intent, method, failedCharge(intent, method, "card_declined", "Your card has insufficient funds."),
                "card_declined", "insufficient_funds", "Your card has insufficient funds.");
    }

    /** An asynchronous payment (PIX) that did not happen: the intent wants another method. */
    void asyncFailed(ObjectNode intent) {
        intent.put("status", "requires_payment_method");
        intent.putNull("next_action");
        ObjectNode error = intent.putObject("last_payment_error");
        error.put("code", "payment_intent_payment_attempt_expired");
        error.put("message", "The customer did not pay before the payment instructions expired.");
        error.put("type", "invalid_request_error");
        events.emit("payment_intent.payment_failed", intent);
    }

    private ObjectNode failedCharge(ObjectNode intent, ObjectNode method, String code, String message) {
        String chargeId = store.newId("ch");
        ObjectNode charge = StripeObjects.charge(chargeId, StripeEvents.now(), intent, method, code, message,
                publicUrl + "/receipts/" + chargeId);
        store.put(charge);
        events.emit("charge.failed", charge);
        return charge;
    }

    private StripeError fail(ObjectNode intent, ObjectNode method, ObjectNode charge, String code, String declineCode,
                             String message) {
        ObjectNode error = StripeJson.object();
        if (charge != null) {
            error.put("charge", charge.get("id").asString());
            intent.put("latest_charge", charge.get("id").asString());
        }
        error.put("code", code);
        error.put("decline_code", declineCode);
        error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        error.put("message", message);
        error.set("payment_method", method.deepCopy());
        error.put("type", "card_error");
        intent.set("last_payment_error", error);
        intent.put("status", "requires_payment_method");
        // Stripe takes the failed method off the intent, so it cannot be confirmed again as it is.
        intent.putNull("payment_method");
        events.emit("payment_intent.payment_failed", intent);
        return StripeError.card(code, declineCode, message, intent.deepCopy());
    }

    /**
     * {@code POST /v1/refunds}: of a charge or of a PaymentIntent's latest charge, the whole remainder unless
     * an {@code amount} says less. The charge's {@code amount_refunded} is a running total.
     */
    ObjectNode refund(StripeForm form) {
        ObjectNode charge = refundedCharge(form);
        long already = charge.get("amount_refunded").asLong();
        long remaining = charge.get("amount").asLong() - already;
        String chargeId = charge.get("id").asString();
        if (remaining == 0) {
            throw StripeError.invalidRequest("charge_already_refunded", "Charge " + chargeId
                    + " has already been refunded.", null);
        }
        Long asked = form.longValue("amount");
        long amount = asked == null ? remaining : positiveAmount(asked, "amount");
        if (amount > remaining) {
            String currency = charge.get("currency").asString();
            throw StripeError.invalidRequest("amount_too_large", "Refund amount (" + money(amount, currency)
                    + ") is greater than unrefunded amount on charge (" + money(remaining, currency) + ")", "amount");
        }
        String reason = form.string("reason");
        if (reason != null && !REFUND_REASONS.contains(reason)) {
            throw StripeError.invalidRequest("Invalid reason: must be one of duplicate, fraudulent, or"
                    + " requested_by_customer", "reason");
        }
        ObjectNode refund = StripeObjects.refund(store.newId("re"), StripeEvents.now(), charge, amount, reason,
                StripeJson.metadata(form.map("metadata")));
        store.put(refund);
        ObjectNode previous = StripeJson.object();
        previous.put("amount_refunded", already);
        charge.put("amount_refunded", already + amount);
        if (amount == remaining) {
            previous.put("refunded", false);
            charge.put("refunded", true);
        }
        events.emit("charge.refunded", charge, previous);
        events.emit("refund.created", refund);
        return refund;
    }

    private ObjectNode refundedCharge(StripeForm form) {
        String chargeId = form.string("charge");
        String intentId = form.string("payment_intent");
        if (chargeId == null && intentId == null) {
            throw StripeError.invalidRequest("One of the following params should be provided for this request:"
                    + " payment_intent or charge.", null);
        }
        if (chargeId != null && intentId != null) {
            throw StripeError.invalidRequest("You can only pass in one of payment_intent or charge.", null);
        }
        if (intentId != null) {
            ObjectNode intent = paymentIntent(intentId);
            if (!intent.get("status").asString().equals("succeeded")) {
                throw StripeError.invalidRequest("This PaymentIntent (" + intentId + ") does not have a successful"
                        + " charge to refund.", "payment_intent");
            }
            chargeId = intent.get("latest_charge").asString();
        }
        ObjectNode charge = charge(chargeId);
        if (!charge.get("paid").asBoolean()) {
            throw StripeError.invalidRequest("Charge " + chargeId + " was not paid and cannot be refunded.",
                    "charge");
        }
        return charge;
    }

    ObjectNode refundById(String id) {
        return store.get(id, "refund", "refund");
    }

    /** Opens a fraud dispute on a paid charge: {@code charge.dispute.created}. */
    ObjectNode openDispute(String chargeId) {
        ObjectNode charge = charge(chargeId);
        if (!charge.get("paid").asBoolean() || charge.get("disputed").asBoolean()) {
            throw StripeError.invalidRequest("Charge " + chargeId + " is unpaid or already disputed.", "charge");
        }
        long now = StripeEvents.now();
        ObjectNode dispute = StripeObjects.dispute(store.newId("dp"), now, charge, now
                + EVIDENCE_WINDOW.toSeconds());
        store.put(dispute);
        charge.put("disputed", true);
        events.emit("charge.dispute.created", dispute);
        return dispute;
    }

    /** Closes an open dispute won or lost: {@code charge.dispute.closed}. */
    ObjectNode closeDispute(String disputeId, boolean won) {
        ObjectNode dispute = dispute(disputeId);
        String status = dispute.get("status").asString();
        if (status.equals("won") || status.equals("lost")) {
            throw StripeError.invalidRequest("Dispute " + disputeId + " is already closed (" + status + ").", "id");
        }
        ObjectNode previous = StripeJson.object().put("status", status);
        dispute.put("status", won ? "won" : "lost");
        ((ObjectNode) dispute.get("evidence_details")).put("has_evidence", true).put("submission_count", 1);
        events.emit("charge.dispute.closed", dispute, previous);
        return dispute;
    }

    ObjectNode dispute(String id) {
        return store.get(id, "dispute", "dispute");
    }

    static long positiveAmount(Long amount, String param) {
        if (amount == null) {
            throw StripeError.missingParam(param);
        }
        if (amount < 1 || amount > 99_999_999L) {
            throw StripeError.invalidRequest("amount_too_small", "Amount must be a positive integer of at most"
                    + " 99999999 in the currency's smallest unit.", param);
        }
        return amount;
    }

    static String currency(String code) {
        String lower = code.toLowerCase(Locale.ROOT);
        if (!lower.matches("[a-z]{3}")) {
            throw StripeError.invalidRequest("Invalid currency: " + code + ". Stripe currently supports these"
                    + " currencies: usd, brl, eur, …", "currency");
        }
        return lower;
    }

    /** An amount as Stripe writes it in messages: {@code $10.00}, {@code R$12.50}. */
    static String money(long minor, String currency) {
        String symbol = switch (currency) {
            case "usd" -> "$";
            case "brl" -> "R$";
            case "eur" -> "€";
            case "gbp" -> "£";
            default -> currency.toUpperCase(Locale.ROOT) + " ";
        };
        return symbol + String.format(Locale.ROOT, "%d.%02d", minor / 100, minor % 100);
    }
}
