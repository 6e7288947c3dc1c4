package io.creditgate.platform.embedded.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;

/** What the demo Stripe's tests share: a stripe-java client pointed at the demo and the sessions they buy with. */
final class DemoStripeFixtures {

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private DemoStripeFixtures() {
    }

    static StripeClient client(DemoStripe demo) {
        return StripeClient.builder().setApiKey(demo.options().secretKey()).setApiBase(demo.baseUrl()).build();
    }

    /** A one-line pack: {@code quantity} × {@code unitAmount} in {@code currency}. */
    static SessionCreateParams.LineItem pack(String currency, long unitAmount, long quantity) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(quantity)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(currency)
                        .setUnitAmount(unitAmount)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("Credit pack").build())
                        .build())
                .build();
    }

    static SessionCreateParams.LineItem monthlyPlan(String currency, long unitAmount) {
        return SessionCreateParams.LineItem.builder()
                .setQuantity(1L)
                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                        .setCurrency(currency)
                        .setUnitAmount(unitAmount)
                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                .setName("Pro plan").build())
                        .setRecurring(SessionCreateParams.LineItem.PriceData.Recurring.builder()
                                .setInterval(SessionCreateParams.LineItem.PriceData.Recurring.Interval.MONTH)
                                .build())
                        .build())
                .build();
    }

    /** An open payment-mode session for {@code amount} cents, with the success and cancel URLs a service sets. */
    static Session paymentSession(StripeClient stripe, long amount) throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(pack("usd", amount, 1))
                .setClientReferenceId("account-1")
                .setCustomerEmail("ana@example.com")
                .putMetadata("pack", "starter")
                .setSuccessUrl("https://dashboard.example/buy/done?session={CHECKOUT_SESSION_ID}")
                .setCancelUrl("https://dashboard.example/buy")
                .build());
    }

    /** A session whose card is saved for off-session payments (auto top-up), paid with {@code card}. */
    static Session paidSessionSavingCard(StripeClient stripe, DemoStripe demo, String card) throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(pack("usd", 500, 1))
                .setCustomerEmail("ana@example.com")
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .build())
                .setSuccessUrl("https://dashboard.example/done")
                .build());
        DemoStripe.CheckoutOutcome outcome = demo.payCheckout(session.getId(), card);
        if (outcome == DemoStripe.CheckoutOutcome.REQUIRES_AUTHENTICATION) {
            demo.completeAuthentication(session.getId(), true);
        }
        return stripe.v1().checkout().sessions().retrieve(session.getId());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> postForm(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
