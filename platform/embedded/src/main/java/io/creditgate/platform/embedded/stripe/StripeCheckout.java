package io.creditgate.platform.embedded.stripe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checkout Sessions: created open and unpaid, paid on the hosted page (or through the Java API) with a test
 * card or PIX, expired. Paying one makes what Stripe makes for its mode: in {@code payment} mode a
 * PaymentIntent and its charge (and a customer and a saved card when asked), in {@code subscription} mode a
 * subscription and its first paid invoice, in {@code setup} mode a SetupIntent and a saved card. PIX
 * completes the session unpaid; the payment settles later ({@link #settleAsync}).
 */
final class StripeCheckout {

    private static final Duration SESSION_LIFETIME = Duration.ofHours(24);
    private static final Set<String> MODES = Set.of("payment", "subscription", "setup");

    private final StripeStore store;
    private final StripeEvents events;
    private final StripeCustomers customers;
    private final StripeCharges charges;
    private final StripeSubscriptions subscriptions;
    private final String publicUrl;
    /** What a session was created with that its JSON does not show. */
    private final Map<String, Extras> extras = new HashMap<>();
    /** Sessions waiting on the authentication page, with the card that asked for it. */
    private final Map<String, TestCards.Card> awaitingAuthentication = new HashMap<>();

    private record Extras(List<ObjectNode> lineItems, String setupFutureUsage, ObjectNode intentMetadata,
                          String intentDescription, ObjectNode subscriptionMetadata) {
    }

    StripeCheckout(StripeStore store, StripeEvents events, StripeCustomers customers, StripeCharges charges,
                   StripeSubscriptions subscriptions, String publicUrl) {
        this.store = store;
        this.events = events;
        this.customers = customers;
        this.charges = charges;
        this.subscriptions = subscriptions;
        this.publicUrl = publicUrl;
    }

    /** {@code POST /v1/checkout/sessions}. */
    ObjectNode create(StripeForm form) {
        String mode = form.require("mode");
        if (!MODES.contains(mode)) {
            throw StripeError.invalidRequest("Invalid mode: must be one of payment, setup, or subscription", "mode");
        }
        String customer = form.string("customer");
        if (customer != null) {
            customers.get(customer);
            if (form.string("customer_email") != null) {
                throw StripeError.invalidRequest("You may only specify one of these parameters: customer,"
                        + " customer_email.", "customer_email");
            }
        }
        String customerCreation = form.string("customer_creation");
        if (customerCreation != null && (!mode.equals("payment")
                || !Set.of("always", "if_required").contains(customerCreation))) {
            throw StripeError.invalidRequest("`customer_creation` can only be used in `payment` mode, with always or"
                    + " if_required.", "customer_creation");
        }
        List<ObjectNode> items = mode.equals("setup") ? List.of() : lineItems(form, mode);
        Map<String, Object> intentData = form.map("payment_intent_data");
        String setupFutureUsage = StripeForm.stringIn(intentData, "setup_future_usage");
        if (setupFutureUsage != null && !Set.of("on_session", "off_session").contains(setupFutureUsage)) {
            throw StripeError.invalidRequest("Invalid payment_intent_data[setup_future_usage]: must be one of"
                    + " on_session or off_session", "payment_intent_data[setup_future_usage]");
        }
        if (!intentData.isEmpty() && !mode.equals("payment")) {
            throw StripeError.invalidRequest("You can not pass `payment_intent_data` in `" + mode + "` mode.",
                    "payment_intent_data");
        }
        ObjectNode session = session(form, mode, customer, customerCreation, items);
        store.put(session);
        extras.put(session.get("id").asString(), new Extras(items, setupFutureUsage,
                StripeJson.metadata(StripeForm.mapIn(intentData, "metadata")),
                StripeForm.stringIn(intentData, "description"),
                StripeJson.metadata(StripeForm.mapIn(form.map("subscription_data"), "metadata"))));
        return session;
    }

    private ObjectNode session(StripeForm form, String mode, String customer, String customerCreation,
                              List<ObjectNode> items) {
        long now = StripeEvents.now();
        String id = store.newId("cs_test");
        ObjectNode session = StripeObjects.base(id, "checkout.session", now);
        long total = items.stream().mapToLong(item -> item.get("amount_total").asLong()).sum();
        String currency = items.isEmpty() ? form.string("currency") : items.get(0).get("currency").asString();
        if (mode.equals("setup")) {
            StripeJson.nulls(session, "amount_subtotal", "amount_total");
        } else {
            session.put("amount_subtotal", total);
            session.put("amount_total", total);
        }
        session.putObject("automatic_tax").put("enabled", false);
        StripeJson.nulls(session, "allow_promotion_codes", "billing_address_collection");
        session.put("cancel_url", form.string("cancel_url"));
        session.put("client_reference_id", form.string("client_reference_id"));
        session.putNull("client_secret");
        session.put("currency", currency);
        session.putArray("custom_fields");
        session.put("customer", customer);
        session.put("customer_creation", customerCreation);
        session.putNull("customer_details");
        session.put("customer_email", form.string("customer_email"));
        session.put("expires_at", now + SESSION_LIFETIME.toSeconds());
        session.putNull("invoice");
        session.put("locale", form.string("locale"));
        session.set("metadata", StripeJson.metadata(form.map("metadata")));
        session.put("mode", mode);
        StripeJson.nulls(session, "payment_intent", "payment_link");
        session.put("payment_method_collection", "always");
        session.putObject("payment_method_options");
        List<String> types = form.strings("payment_method_types");
        session.set("payment_method_types", StripeObjects.strings(types.isEmpty() ? List.of("card") : types));
        session.put("payment_status", mode.equals("setup") ? "no_payment_required" : "unpaid");
        session.putObject("phone_number_collection").put("enabled", false);
        StripeJson.nulls(session, "recovered_from", "setup_intent", "shipping_address_collection", "shipping_cost");
        session.putArray("shipping_options");
        session.put("status", "open");
        StripeJson.nulls(session, "submit_type", "subscription");
        session.put("success_url", form.string("success_url"));
        ObjectNode totals = session.putObject("total_details");
        totals.put("amount_discount", 0);
        totals.put("amount_shipping", 0);
        totals.put("amount_tax", 0);
        session.put("ui_mode", "hosted");
        session.put("url", publicUrl + "/c/pay/" + id);
        return session;
    }

    private List<ObjectNode> lineItems(StripeForm form, String mode) {
        List<Object> raw = form.list("line_items");
        if (raw.isEmpty()) {
            throw StripeError.missingParam("line_items");
        }
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String prefix = "line_items[" + i + "]";
            if (!(raw.get(i) instanceof Map<?, ?>)) {
                throw StripeError.invalidRequest("Invalid " + prefix + ": must be an object", prefix);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> line = (Map<String, Object>) raw.get(i);
            Long quantity = StripeForm.longIn(line, "quantity");
            if (quantity == null) {
                throw StripeError.missingParam(prefix + "[quantity]");
            }
            if (quantity < 1) {
                throw StripeError.invalidRequest("Quantity must be at least 1.", prefix + "[quantity]");
            }
            ObjectNode price = price(line, prefix);
            boolean recurring = !price.get("recurring").isNull();
            if (mode.equals("payment") && recurring) {
                throw StripeError.invalidRequest("You specified `payment` mode but passed a recurring price. Either"
                        + " switch to `subscription` mode or use only one-time prices.", prefix);
            }
            if (mode.equals("subscription") && !recurring) {
                throw StripeError.invalidRequest("The demo Stripe bills only recurring prices in `subscription`"
                        + " mode; " + prefix + " has a one-time price.", prefix);
            }
            if (!items.isEmpty() && !items.get(0).get("currency").asString().equals(price.get("currency").asString())) {
                throw StripeError.invalidRequest("All line items must use the same currency.", prefix);
            }
            ObjectNode product = store.find(price.get("product").asString());
            items.add(StripeObjects.checkoutLineItem(store.newId("li"), price, quantity,
                    product == null ? null : product.get("name").asString()));
        }
        return items;
    }

    /** An existing {@code price} or one made from {@code price_data} (with its product from product_data). */
    private ObjectNode price(Map<String, Object> line, String prefix) {
        String priceId = StripeForm.stringIn(line, "price");
        if (priceId != null) {
            return store.get(priceId, "price", "price");
        }
        Map<String, Object> data = StripeForm.mapIn(line, "price_data");
        if (data.isEmpty()) {
            throw StripeError.invalidRequest("You must specify either `price` or `price_data` in " + prefix + ".",
                    prefix);
        }
        String dataPrefix = prefix + "[price_data]";
        String currencyCode = StripeForm.stringIn(data, "currency");
        if (currencyCode == null) {
            throw StripeError.missingParam(dataPrefix + "[currency]");
        }
        Long unitAmount = StripeForm.longIn(data, "unit_amount");
        if (unitAmount == null || unitAmount < 0) {
            throw StripeError.missingParam(dataPrefix + "[unit_amount]");
        }
        long now = StripeEvents.now();
        String productId = StripeForm.stringIn(data, "product");
        if (productId != null) {
            store.get(productId, "product", "product");
        } else {
            String name = StripeForm.stringIn(StripeForm.mapIn(data, "product_data"), "name");
            if (name == null || name.isBlank()) {
                throw StripeError.missingParam(dataPrefix + "[product_data][name]");
            }
            ObjectNode product = StripeObjects.product(store.newId("prod"), now, name);
            store.put(product);
            productId = product.get("id").asString();
        }
        String interval = StripeForm.stringIn(StripeForm.mapIn(data, "recurring"), "interval");
        if (interval != null && !Set.of("day", "week", "month", "year").contains(interval)) {
            throw StripeError.invalidRequest("Invalid interval: must be one of day, week, month, or year",
                    dataPrefix + "[recurring][interval]");
        }
        ObjectNode price = StripeObjects.price(store.newId("price"), now, StripeCharges.currency(currencyCode),
                unitAmount, productId, interval);
        store.put(price);
        return price;
    }

    ObjectNode get(String id) {
        return store.get(id, "checkout.session", "checkout.session");
    }

    /** {@code GET /v1/checkout/sessions/{id}/line_items}, also what {@code expand[]=line_items} shows. */
    ObjectNode lineItems(String id, long limit) {
        get(id);
        List<ObjectNode> items = extras.get(id).lineItems();
        return StripeJson.list(items.subList(0, (int) Math.min(limit, items.size())), items.size() > limit,
                "/v1/checkout/sessions/" + id + "/line_items");
    }

    /** {@code POST /v1/checkout/sessions/{id}/expire}: only an open session. */
    ObjectNode expire(String id) {
        ObjectNode session = get(id);
        if (!session.get("status").asString().equals("open")) {
            throw StripeError.invalidRequest("Only Checkout Sessions with a status in [\"open\"] can be expired.",
                    null);
        }
        session.put("status", "expired");
        session.putNull("url");
        awaitingAuthentication.remove(id);
        events.emit("checkout.session.expired", session);
        return session;
    }

    /** Pays an open session with a typed card number, as the hosted page's "Pay" does. */
    DemoStripe.CheckoutOutcome payWithCard(String id, String cardNumber, String email) {
        ObjectNode session = requireOpen(id);
        TestCards.Card card = TestCards.find(cardNumber);
        if (card == null) {
            return DemoStripe.CheckoutOutcome.INCORRECT_NUMBER;
        }
        TestCards.Behaviour behaviour = card.behaviour();
        if (behaviour == TestCards.Behaviour.DECLINED_INSUFFICIENT_FUNDS && session.get("mode").asString()
                .equals("setup")) {
            // Saving a card moves no money, so a card without funds saves fine and declines when charged later.
            behaviour = TestCards.Behaviour.SUCCEEDS;
        }
        switch (behaviour) {
            case SUCCEEDS:
                complete(session, card, email);
                return DemoStripe.CheckoutOutcome.PAID;
            case REQUIRES_AUTHENTICATION:
                awaitingAuthentication.put(id, card);
                return DemoStripe.CheckoutOutcome.REQUIRES_AUTHENTICATION;
            default:
                return DemoStripe.CheckoutOutcome.DECLINED;
        }
    }

    boolean awaitsAuthentication(String id) {
        return awaitingAuthentication.containsKey(id);
    }

    /** The answer on the authentication page: completing pays with the card that asked, failing does not. */
    DemoStripe.CheckoutOutcome authenticate(String id, boolean complete, String email) {
        ObjectNode session = requireOpen(id);
        TestCards.Card card = awaitingAuthentication.remove(id);
        if (card == null) {
            throw StripeError.invalidRequest("Checkout Session " + id + " is not waiting for authentication.", "id");
        }
        if (!complete) {
            return DemoStripe.CheckoutOutcome.AUTHENTICATION_FAILED;
        }
        complete(session, card, email);
        return DemoStripe.CheckoutOutcome.PAID;
    }

    private void complete(ObjectNode session, TestCards.Card card, String typedEmail) {
        String email = typedEmail != null && !typedEmail.isBlank() ? typedEmail
                : session.path("customer_email").asString(null);
        ObjectNode method = customers.newCard(card, email, null);
        switch (session.get("mode").asString()) {
            case "payment" -> completePayment(session, method, email);
            case "subscription" -> completeSubscription(session, method, email);
            default -> completeSetup(session, method, email);
        }
    }

    private void completePayment(ObjectNode session, ObjectNode method, String email) {
        Extras extra = extras.get(session.get("id").asString());
        String customer = customerFor(session, email, extra.setupFutureUsage() != null
                || "always".equals(session.path("customer_creation").asString(null)));
        if (customer != null && extra.setupFutureUsage() != null) {
            customers.attach(method, customer);
        }
        ObjectNode intent = charges.newIntent(session.get("amount_total").asLong(),
                session.get("currency").asString(), customer, method.get("id").asString(),
                extra.intentDescription(), extra.intentMetadata().deepCopy(), extra.setupFutureUsage(),
                method.get("type").asString());
        charges.succeed(intent, method);
        finish(session, customer, email, "paid");
        session.put("payment_intent", intent.get("id").asString());
        events.emit("checkout.session.completed", session);
    }

    private void completeSubscription(ObjectNode session, ObjectNode method, String email) {
        Extras extra = extras.get(session.get("id").asString());
        String customer = customerFor(session, email, true);
        customers.attach(method, customer);
        List<StripeSubscriptions.Line> lines = new ArrayList<>();
        for (ObjectNode item : extra.lineItems()) {
            lines.add(new StripeSubscriptions.Line((ObjectNode) item.get("price"), item.get("quantity").asLong()));
        }
        ObjectNode subscription = subscriptions.start(customer, method, lines, extra.subscriptionMetadata().deepCopy());
        finish(session, customer, email, "paid");
        session.put("subscription", subscription.get("id").asString());
        session.set("invoice", subscription.get("latest_invoice"));
        events.emit("checkout.session.completed", session);
    }

    private void completeSetup(ObjectNode session, ObjectNode method, String email) {
        String customer = customerFor(session, email, true);
        customers.attach(method, customer);
        ObjectNode intent = StripeObjects.setupIntent(store.newId("seti"), StripeEvents.now(), customer,
                method.get("id").asString(), StripeJson.object());
        store.put(intent);
        events.emit("setup_intent.created", intent);
        events.emit("setup_intent.succeeded", intent);
        finish(session, customer, email, "no_payment_required");
        session.put("setup_intent", intent.get("id").asString());
        events.emit("checkout.session.completed", session);
    }

    /** Pays an open {@code payment} session with PIX: complete but unpaid until {@link #settleAsync}. */
    DemoStripe.CheckoutOutcome payWithPix(String id, String typedEmail) {
        ObjectNode session = requireOpen(id);
        if (!offersPix(session)) {
            throw StripeError.invalidRequest("PIX is not offered on Checkout Session " + id + " (payment mode only;"
                    + " payment_method_types must include pix when given).", "payment_method_types");
        }
        String email = typedEmail != null && !typedEmail.isBlank() ? typedEmail
                : session.path("customer_email").asString(null);
        Extras extra = extras.get(id);
        String customer = customerFor(session, email,
                "always".equals(session.path("customer_creation").asString(null)));
        ObjectNode method = customers.newPix(email);
        ObjectNode intent = charges.newIntent(session.get("amount_total").asLong(),
                session.get("currency").asString(), customer, method.get("id").asString(),
                extra.intentDescription(), extra.intentMetadata().deepCopy(), null, "pix");
        intent.put("status", "requires_action");
        ObjectNode next = intent.putObject("next_action");
        ObjectNode qr = next.putObject("pix_display_qr_code");
        qr.put("data", "00020126580014br.gov.bcb.pix0136" + id.substring(8, 44));
        qr.put("expires_at", StripeEvents.now() + 3600);
        qr.put("hosted_instructions_url", publicUrl + "/c/pay/" + id);
        next.put("type", "pix_display_qr_code");
        events.emit("payment_intent.requires_action", intent);
        finish(session, customer, email, "unpaid");
        session.put("payment_intent", intent.get("id").asString());
        events.emit("checkout.session.completed", session);
        return DemoStripe.CheckoutOutcome.AWAITING_ASYNC_PAYMENT;
    }

    static boolean offersPix(ObjectNode session) {
        if (!session.get("mode").asString().equals("payment")) {
            return false;
        }
        for (JsonNode type : session.get("payment_method_types")) {
            if (type.asString().equals("pix")) {
                return true;
            }
        }
        // Only "card" given or nothing given: the demo still offers PIX, as Stripe's dynamic methods would.
        ArrayNode types = (ArrayNode) session.get("payment_method_types");
        return types.size() == 1 && types.get(0).asString().equals("card");
    }

    /** True while a PIX-paid session waits for its money. */
    boolean awaitsAsyncPayment(String id) {
        ObjectNode session = get(id);
        if (!session.get("status").asString().equals("complete")
                || !session.get("payment_status").asString().equals("unpaid")) {
            return false;
        }
        ObjectNode intent = charges.paymentIntent(session.get("payment_intent").asString());
        return intent.get("status").asString().equals("requires_action");
    }

    /** The PIX money arrived ({@code …async_payment_succeeded}, paid) or never will ({@code …_failed}). */
    ObjectNode settleAsync(String id, boolean succeeded) {
        if (!awaitsAsyncPayment(id)) {
            throw StripeError.invalidRequest("Checkout Session " + id + " has no asynchronous payment waiting.", "id");
        }
        ObjectNode session = get(id);
        ObjectNode intent = charges.paymentIntent(session.get("payment_intent").asString());
        if (succeeded) {
            ObjectNode method = customers.paymentMethod(intent.get("payment_method").asString());
            charges.succeed(intent, method);
            session.put("payment_status", "paid");
            events.emit("checkout.session.async_payment_succeeded", session);
        } else {
            charges.asyncFailed(intent);
            events.emit("checkout.session.async_payment_failed", session);
        }
        return session;
    }

    private String customerFor(ObjectNode session, String email, boolean create) {
        String existing = session.path("customer").asString(null);
        if (existing != null || !create) {
            return existing;
        }
        return customers.create(email, null, StripeJson.object()).get("id").asString();
    }

    private static void finish(ObjectNode session, String customer, String email, String paymentStatus) {
        session.put("customer", customer);
        ObjectNode details = session.putObject("customer_details");
        details.putNull("address");
        details.put("email", email);
        details.putNull("name");
        details.putNull("phone");
        details.put("tax_exempt", "none");
        details.putArray("tax_ids");
        session.put("payment_status", paymentStatus);
        session.put("status", "complete");
        session.putNull("url");
    }

    private ObjectNode requireOpen(String id) {
        ObjectNode session = get(id);
        if (!session.get("status").asString().equals("open")) {
            throw StripeError.invalidRequest("This Checkout Session is no longer active (status "
                    + session.get("status").asString() + ").", "id");
        }
        return session;
    }
}
