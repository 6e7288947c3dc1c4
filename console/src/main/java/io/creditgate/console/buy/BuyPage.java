package io.creditgate.console.buy;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.creditgate.console.person.CurrentPersonFilter;
import io.creditgate.console.person.Person;
import io.creditgate.console.relay.ServiceCalls;
import io.creditgate.console.web.Html;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The buy page, where the 402 message and the alert emails send a person out of credits: the packs on sale, each with
 * a "Buy" button that starts a Stripe Checkout through the payment service and sends the browser to Stripe's hosted
 * page; Stripe sends it back here ({@code ?checkout=success|cancelled}). Rendered on the server and usable without
 * JavaScript; the dashboard's buy page replaces it (issue 12) at the same address.
 */
@RestController
class BuyPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CREDITS_PER_USD_DIGITS = 6;

    private final ServiceCalls services;

    BuyPage(ServiceCalls services) {
        this.services = services;
    }

    @GetMapping("/buy")
    ResponseEntity<String> page(Authentication authentication, HttpServletRequest request,
            @RequestParam(name = "checkout", required = false) String checkout) {
        return render(authentication, request, outcome(checkout));
    }

    @PostMapping("/buy")
    ResponseEntity<String> buy(Authentication authentication, HttpServletRequest request, @RequestParam String packId,
            @RequestParam(required = false) String account, @RequestParam(required = false) String attempt) {
        String body = JSON.writeValueAsString(account == null || account.isBlank() ? Map.of("packId", packId)
                : Map.of("packId", packId, "userId", account));
        // One key per rendered form: a double click or a resubmitted form opens the same Checkout Session.
        Map<String, String> headers = attempt == null || attempt.isBlank() ? Map.of() : Map.of("Idempotency-Key", "buy-page:" + attempt);
        ServiceCalls.Answer answer = services.call(authentication, request, "POST", "/api/payments/checkout", body, headers);
        JsonNode json = parse(answer.body());
        if (answer.ok() && json.hasNonNull("url")) {
            return ResponseEntity.status(303).header(HttpHeaders.LOCATION, json.get("url").asString()).build();
        }
        return render(authentication, request, "The payment could not be started: " + problem(answer, json));
    }

    private ResponseEntity<String> render(Authentication authentication, HttpServletRequest request, String message) {
        Locale locale = request.getLocale() == null ? Locale.ENGLISH : request.getLocale();
        StringBuilder body = new StringBuilder(Html.message(message));
        List<String> accounts = CurrentPersonFilter.current(request).map(Person::accounts).orElse(List.of());
        if (accounts.isEmpty()) {
            body.append("<p>Your sign-in has no credit account to buy credits for. Ask an administrator to link one.</p>");
            return Html.page(200, "Buy credits", body.toString());
        }
        for (String account : accounts) {
            JsonNode view = parse(services.call(authentication, request, "GET", "/api/accounts/" + encode(account), null, Map.of()).body());
            body.append("<p>Balance").append(accounts.size() > 1 ? " of " + Html.escape(account) : "").append(": <strong>")
                    .append(Html.escape(usd(view.path("balanceCredits").asLong(0), locale))).append("</strong> of credits")
                    .append(view.hasNonNull("balanceCredits") ? "." : " (your account opens with your first chat or purchase).")
                    .append("</p>");
        }
        String purchases = purchases(authentication, request, accounts, locale);
        ServiceCalls.Answer status = services.call(authentication, request, "GET", "/api/payments/status", null, Map.of());
        JsonNode state = parse(status.body());
        if (!status.ok()) {
            body.append(Html.message("Payments are unavailable right now (" + problem(status, state) + "). Try again in a minute."));
            return Html.page(200, "Buy credits", body.toString());
        }
        if (!state.path("checkoutAvailable").asBoolean(false)) {
            // Manual-only mode (no Stripe key): the payment service says how to pay instead.
            body.append("<p>").append(Html.escape(state.path("message").asString(
                    "Card payments are not available here; ask an administrator or finance to record your payment."))).append("</p>");
            return Html.page(200, "Buy credits", body.append(purchases).toString());
        }
        JsonNode list = parse(services.call(authentication, request, "GET", "/api/payments/packs", null, Map.of()).body()).path("packs");
        String attempt = UUID.randomUUID().toString();
        for (JsonNode pack : list) {
            String name = pack.path("name").asString("");
            body.append("<form method=\"post\" action=\"/buy\"><p><strong>").append(Html.escape(name)).append("</strong>: ")
                    .append(Html.escape(usd(pack.path("credits").asLong(), locale))).append(" of credits for ")
                    .append(Html.escape(money(pack.path("priceMinor").asLong(), pack.path("currency").asString("usd"), locale)))
                    .append("</p>").append(Html.csrfField(request))
                    .append("<input type=\"hidden\" name=\"packId\" value=\"").append(Html.escape(pack.path("id").asString(""))).append("\">")
                    .append("<input type=\"hidden\" name=\"attempt\" value=\"").append(attempt).append(Html.escape(pack.path("id").asString(""))).append("\">");
            if (accounts.size() > 1) {
                body.append("<label for=\"account-").append(Html.escape(pack.path("id").asString(""))).append("\">Account</label><select id=\"account-")
                        .append(Html.escape(pack.path("id").asString(""))).append("\" name=\"account\">");
                accounts.forEach(account -> body.append("<option>").append(Html.escape(account)).append("</option>"));
                body.append("</select>");
            }
            body.append("<button type=\"submit\">Buy ").append(Html.escape(name)).append("</button></form>");
        }
        if (list.isEmpty()) {
            body.append("<p>No credit packs are on sale. Ask an administrator.</p>");
        }
        return Html.page(200, "Buy credits", body.append(purchases).toString());
    }

    /** The person's purchases, newest first, with what became of each (refunds, disputes) and Stripe's receipt. */
    private String purchases(Authentication authentication, HttpServletRequest request, List<String> accounts, Locale locale) {
        StringBuilder rows = new StringBuilder();
        for (String account : accounts) {
            JsonNode list = parse(services.call(authentication, request, "GET",
                    "/api/payments/users/" + encode(account) + "/purchases", null, Map.of()).body()).path("purchases");
            for (JsonNode purchase : list) {
                String receipt = purchase.path("receiptUrl").asString("");
                rows.append("<tr><td>").append(Html.escape(purchase.path("createdAt").asString("").replaceFirst("T.*", "")))
                        .append("</td><td>").append(Html.escape(money(purchase.path("amountMinor").asLong(),
                                purchase.path("currency").asString("usd"), locale)))
                        .append("</td><td>").append(Html.escape(usd(purchase.path("credits").asLong(), locale)))
                        .append("</td><td>").append(Html.escape(purchase.path("status").asString("").replace('_', ' ')))
                        .append(purchase.path("refundedMinor").asLong() > 0 ? Html.escape(", " + money(purchase.path("refundedMinor").asLong(),
                                purchase.path("currency").asString("usd"), locale) + " refunded") : "")
                        .append("</td><td>").append(receipt.isBlank() ? "" : "<a href=\"" + Html.escape(receipt) + "\">Receipt</a>")
                        .append("</td></tr>");
            }
        }
        if (rows.isEmpty()) {
            return "";
        }
        return "<h2>Your purchases</h2><table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Paid</th>"
                + "<th scope=\"col\">Credits</th><th scope=\"col\">Status</th><th scope=\"col\">Receipt</th></tr></thead><tbody>"
                + rows + "</tbody></table>";
    }

    private static String outcome(String checkout) {
        if ("success".equals(checkout)) {
            return "Thank you: your payment was received. The credits appear in your balance within a few seconds"
                    + " (a PIX or boleto payment once it settles).";
        }
        return "cancelled".equals(checkout) ? "The payment was cancelled; nothing was charged." : null;
    }

    private static String problem(ServiceCalls.Answer answer, JsonNode json) {
        if (answer.status() == 0) {
            return "the payment service is not reachable";
        }
        return json.hasNonNull("message") ? json.get("message").asString() : "HTTP " + answer.status();
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String account) {
        return java.net.URLEncoder.encode(account, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Credits as US dollars (1,000,000 credits = 1 USD). */
    private static String usd(long credits, Locale locale) {
        return money(credits, "usd", locale, CREDITS_PER_USD_DIGITS);
    }

    private static String money(long amountMinor, String currencyCode, Locale locale) {
        Currency currency = Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT));
        return money(amountMinor, currencyCode, locale, Math.max(0, currency.getDefaultFractionDigits()));
    }

    private static String money(long amount, String currencyCode, Locale locale, int digits) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(Currency.getInstance(currencyCode.toUpperCase(Locale.ROOT)));
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(amount).movePointLeft(digits));
    }
}
