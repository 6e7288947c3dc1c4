package io.creditgate.platform.embedded.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The hosted Checkout page at {@code /c/pay/<session id>}: plain HTML forms (no script), labelled fields, so
 * a person, a screen reader and a test with an HTTP client can all pay. "Pay" charges the typed test card
 * (a card that needs authentication goes through {@code /c/pay/<id>/authenticate} first), "Pay with PIX"
 * completes the session unpaid until the PIX payment settles, "Cancel" goes back to the {@code cancel_url}.
 * Paid: 303 to the {@code success_url} with {@code {CHECKOUT_SESSION_ID}} filled in. Also the receipt pages
 * that charges link to ({@code /receipts/<charge id>}, {@code /invoices/<invoice id>}).
 */
final class DemoCheckoutPage {

    private static final Pattern PAGE = Pattern.compile("/c/pay/(cs_test_[A-Za-z0-9]+)(/authenticate)?");
    private static final Pattern RECEIPT = Pattern.compile("/(receipts|invoices)/((?:ch|in)_[A-Za-z0-9]+)");

    private final Object lock;
    private final StripeStore store;
    private final StripeCheckout checkout;
    private final Consumer<String> asyncPaymentStarted;

    /** @param asyncPaymentStarted told the session id when a PIX payment starts, to settle it later */
    DemoCheckoutPage(Object lock, StripeStore store, StripeCheckout checkout, Consumer<String> asyncPaymentStarted) {
        this.lock = lock;
        this.store = store;
        this.checkout = checkout;
        this.asyncPaymentStarted = asyncPaymentStarted;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher receipt = RECEIPT.matcher(path);
        if (receipt.matches() && exchange.getRequestMethod().equals("GET")) {
            receipt(exchange, receipt.group(2));
            return;
        }
        Matcher page = PAGE.matcher(path);
        if (!page.matches()) {
            StripeJson.respondHtml(exchange, 404, document("Not found", "<p>There is no page at this address.</p>"));
            return;
        }
        String id = page.group(1);
        boolean authentication = page.group(2) != null;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (lock) {
            try {
                ObjectNode session = checkout.get(id);
                if (exchange.getRequestMethod().equals("POST")) {
                    reply = authentication ? authenticated(session, StripeForm.parse(body))
                            : submitted(session, StripeForm.parse(body));
                } else {
                    reply = authentication && checkout.awaitsAuthentication(id) ? authenticationPage(session)
                            : Reply.page(200, paymentPage(session, null));
                }
            } catch (StripeError e) {
                reply = Reply.page(e.status == 404 ? 404 : 400, document("Checkout", "<p role=\"alert\">"
                        + escape(e.getMessage()) + "</p>"));
            }
        }
        if (reply.location() != null) {
            StripeJson.redirect(exchange, reply.location());
        } else {
            StripeJson.respondHtml(exchange, reply.status(), reply.html());
        }
    }

    /** A page to show or a place to go. */
    private record Reply(int status, String html, String location) {

        static Reply page(int status, String html) {
            return new Reply(status, html, null);
        }

        static Reply redirect(String location) {
            return new Reply(303, null, location);
        }
    }

    private Reply submitted(ObjectNode session, StripeForm form) {
        String id = session.get("id").asString();
        String email = form.string("email");
        if ("pix".equals(form.string("action"))) {
            checkout.payWithPix(id, email);
            asyncPaymentStarted.accept(id);
            return afterPayment(session);
        }
        DemoStripe.CheckoutOutcome outcome = checkout.payWithCard(id, form.string("card_number"), email);
        return switch (outcome) {
            case PAID -> afterPayment(session);
            case REQUIRES_AUTHENTICATION -> Reply.redirect("/c/pay/" + id + "/authenticate");
            case DECLINED -> Reply.page(200, paymentPage(session, "Your card was declined."));
            default -> Reply.page(200, paymentPage(session, "Your card number is incorrect."));
        };
    }

    private Reply authenticated(ObjectNode session, StripeForm form) {
        DemoStripe.CheckoutOutcome outcome = checkout.authenticate(session.get("id").asString(),
                "complete".equals(form.string("action")), null);
        if (outcome == DemoStripe.CheckoutOutcome.PAID) {
            return afterPayment(session);
        }
        return Reply.page(200, paymentPage(session, "We are unable to authenticate your payment method. Please choose"
                + " a different payment method and try again."));
    }

    private static Reply afterPayment(ObjectNode session) {
        String success = session.path("success_url").asString(null);
        if (success == null) {
            return Reply.page(200, document("Thanks for your payment", "<h1>Thanks for your payment</h1>"
                    + "<p>You can close this page.</p>"));
        }
        return Reply.redirect(success.replace("{CHECKOUT_SESSION_ID}", session.get("id").asString()));
    }

    private static String paymentPage(ObjectNode session, String error) {
        String id = session.get("id").asString();
        String status = session.get("status").asString();
        if (!status.equals("open")) {
            return document("Checkout", "<h1>" + (status.equals("expired") ? "This Checkout Session has expired."
                    : "This Checkout Session is complete.") + "</h1>" + backLink(session));
        }
        StringBuilder html = new StringBuilder();
        html.append("<p><strong>TEST MODE</strong> — demo Stripe. Cards: 4242 4242 4242 4242 pays,")
                .append(" 4000 0025 0000 3155 asks for authentication, 4000 0000 0000 9995 is declined.</p>");
        html.append("<h1>Pay Creditgate demo</h1>");
        html.append(summary(session));
        if (error != null) {
            html.append("<p role=\"alert\" class=\"error\">").append(escape(error)).append("</p>");
        }
        String email = session.path("customer_email").asString("");
        html.append("<form method=\"post\" action=\"/c/pay/").append(id).append("\">")
                .append("<p><label for=\"email\">Email</label> <input id=\"email\" name=\"email\" type=\"email\"")
                .append(" autocomplete=\"email\" value=\"").append(escape(email)).append("\"></p>")
                .append("<p><label for=\"card-number\">Card number</label> <input id=\"card-number\"")
                .append(" name=\"card_number\" inputmode=\"numeric\" autocomplete=\"cc-number\"")
                .append(" placeholder=\"1234 1234 1234 1234\"></p>")
                .append("<p><label for=\"card-expiry\">Expiration (MM / YY)</label> <input id=\"card-expiry\"")
                .append(" name=\"card_expiry\" autocomplete=\"cc-exp\" placeholder=\"MM / YY\"></p>")
                .append("<p><label for=\"card-cvc\">CVC</label> <input id=\"card-cvc\" name=\"card_cvc\"")
                .append(" inputmode=\"numeric\" autocomplete=\"cc-csc\"></p>")
                .append("<p><button type=\"submit\" name=\"action\" value=\"pay\">")
                .append(session.get("mode").asString().equals("setup") ? "Save card" : "Pay").append("</button>");
        if (StripeCheckout.offersPix(session)) {
            html.append(" <button type=\"submit\" name=\"action\" value=\"pix\">Pay with PIX</button>");
        }
        html.append("</p></form>").append(backLink(session));
        return document("Checkout", html.toString());
    }

    private static String summary(ObjectNode session) {
        if (session.get("amount_total").isNull()) {
            return "<p>Save a card for later payments.</p>";
        }
        String currency = session.get("currency").asString();
        return "<p>Total: <strong>" + escape(StripeCharges.money(session.get("amount_total").asLong(), currency))
                + "</strong> (" + escape(currency.toUpperCase()) + ")</p>";
    }

    private static String backLink(ObjectNode session) {
        JsonNode cancel = session.get("cancel_url");
        return cancel == null || cancel.isNull() ? ""
                : "<p><a href=\"" + escape(cancel.asString()) + "\">Cancel</a></p>";
    }

    private static Reply authenticationPage(ObjectNode session) {
        String id = session.get("id").asString();
        return Reply.page(200, document("Authenticate your payment", "<h1>Authenticate your payment</h1>"
                + "<p><strong>TEST MODE</strong> — your bank asks you to confirm this payment of "
                + escape(StripeCharges.money(session.get("amount_total").asLong(), session.get("currency").asString()))
                + ".</p><form method=\"post\" action=\"/c/pay/" + id + "/authenticate\">"
                + "<button type=\"submit\" name=\"action\" value=\"complete\">Complete authentication</button> "
                + "<button type=\"submit\" name=\"action\" value=\"fail\">Fail authentication</button></form>"));
    }

    private void receipt(HttpExchange exchange, String id) throws IOException {
        String html;
        int status = 200;
        synchronized (lock) {
            ObjectNode object = store.find(id);
            if (object == null) {
                status = 404;
                html = document("Not found", "<p>No such receipt.</p>");
            } else {
                long amount = object.has("amount_paid") ? object.get("amount_paid").asLong()
                        : object.get("amount").asLong();
                String currency = object.get("currency").asString();
                long refunded = object.path("amount_refunded").asLong(0);
                html = document("Receipt", "<h1>Receipt from Creditgate demo</h1><p>Receipt for " + escape(id)
                        + "</p><p>Amount paid: " + escape(StripeCharges.money(amount, currency)) + "</p>"
                        + (refunded > 0 ? "<p>Refunded: " + escape(StripeCharges.money(refunded, currency)) + "</p>"
                        : ""));
            }
        }
        StripeJson.respondHtml(exchange, status, html);
    }

    private static String document(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                + " content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
                + "input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}label{display:block}"
                + "button{font-size:1rem;padding:.5rem 1rem}.error{color:#b00020}</style></head><body><main>"
                + body + "</main></body></html>";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
