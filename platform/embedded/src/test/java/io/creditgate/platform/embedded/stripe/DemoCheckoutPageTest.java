package io.creditgate.platform.embedded.stripe;

import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.client;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.get;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.paymentSession;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.postForm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.stripe.StripeClient;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hosted Checkout page driven as a browser drives it: plain GETs and form POSTs, redirects not followed. */
class DemoCheckoutPageTest {

    static DemoStripe demo;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        demo = DemoStripe.start(DemoStripe.Options.defaults().withAsyncPaymentDelay(Duration.ofMillis(300)));
        stripe = client(demo);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void thePageHasALabelledCardNumberFieldPayAndPixButtonsAndACancelLink() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        HttpResponse<String> page = get(session.getUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("<label for=\"card-number\">Card number</label>")
                .contains("<input id=\"card-number\" name=\"card_number\"")
                .contains("value=\"pay\">Pay</button>")
                .contains("value=\"pix\">Pay with PIX</button>")
                .contains("<a href=\"https://dashboard.example/buy\">Cancel</a>")
                .contains("$10.00");
    }

    @Test
    void card4242PaysAndRedirectsToTheSuccessUrlWithTheSessionId() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        HttpResponse<String> paid = pay(session, "4242 4242 4242 4242");

        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location"))
                .hasValue("https://dashboard.example/buy/done?session=" + session.getId());
        Session after = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(after.getStatus()).isEqualTo("complete");
        assertThat(after.getPaymentStatus()).isEqualTo("paid");
        assertThat(demo.events("checkout.session.completed")).anySatisfy(e -> assertThat(e.json()).contains(session.getId()));
        assertThat(get(session.getUrl()).body()).contains("This Checkout Session is complete.");
    }

    @Test
    void card3155AsksForAuthenticationAndCompletingItPays() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        HttpResponse<String> asked = pay(session, "4000 0025 0000 3155");
        HttpResponse<String> challenge = get(demo.baseUrl() + asked.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> completed = postForm(demo.baseUrl() + "/c/pay/" + session.getId() + "/authenticate",
                "action=complete");

        assertThat(asked.statusCode()).isEqualTo(303);
        assertThat(challenge.body()).contains("Complete authentication").contains("Fail authentication");
        assertThat(completed.statusCode()).isEqualTo(303);
        assertThat(completed.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(session.getId()));
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
    }

    @Test
    void failingTheAuthenticationLeavesTheSessionOpenAndUnpaid() throws Exception {
        Session session = paymentSession(stripe, 1_000);
        pay(session, "4000002500003155");

        HttpResponse<String> failed = postForm(demo.baseUrl() + "/c/pay/" + session.getId() + "/authenticate",
                "action=fail");

        assertThat(failed.statusCode()).isEqualTo(200);
        assertThat(failed.body()).contains("We are unable to authenticate your payment method.");
        Session after = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(after.getStatus()).isEqualTo("open");
        assertThat(after.getPaymentStatus()).isEqualTo("unpaid");
    }

    @Test
    void card9995IsDeclinedOnThePageAndTheSessionStaysOpen() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        HttpResponse<String> declined = pay(session, "4000 0000 0000 9995");

        assertThat(declined.statusCode()).isEqualTo(200);
        assertThat(declined.body()).contains("Your card was declined.").contains("Card number");
        Session after = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(after.getStatus()).isEqualTo("open");
        assertThat(after.getPaymentIntent()).isNull();
        assertThat(pay(session, "4242424242424242").statusCode()).isEqualTo(303);
    }

    @Test
    void anyOtherNumberIsIncorrect() throws Exception {
        HttpResponse<String> wrong = pay(paymentSession(stripe, 1_000), "1234 5678 9012 3456");

        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("Your card number is incorrect.");
    }

    @Test
    void pixCompletesTheSessionUnpaidAndSettlesAfterTheDelay() throws Exception {
        Session session = paymentSession(stripe, 5_000);

        HttpResponse<String> started = postForm(session.getUrl(), "action=pix&email=pix%40example.com");

        assertThat(started.statusCode()).isEqualTo(303);
        Session pending = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(pending.getStatus()).isEqualTo("complete");
        assertThat(pending.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(pending.getCustomerDetails().getEmail()).isEqualTo("pix@example.com");
        assertThat(stripe.v1().paymentIntents().retrieve(pending.getPaymentIntent()).getStatus())
                .isEqualTo("requires_action");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid"));
        PaymentIntent settled = stripe.v1().paymentIntents().retrieve(pending.getPaymentIntent());
        assertThat(settled.getStatus()).isEqualTo("succeeded");
        assertThat(stripe.v1().charges().retrieve(settled.getLatestCharge()).getPaymentMethodDetails().getType())
                .isEqualTo("pix");
        assertThat(demo.events("checkout.session.async_payment_succeeded"))
                .anySatisfy(e -> assertThat(e.json()).contains(session.getId()));
    }

    @Test
    void aPixPaymentThatNeverArrivesFailsTheSessionsPayment() throws Exception {
        demo.reconfigure(demo.options().withAsyncPaymentDelay(null));
        try {
            Session session = paymentSession(stripe, 5_000);
            assertThat(demo.payCheckoutWithPix(session.getId()))
                    .isEqualTo(DemoStripe.CheckoutOutcome.AWAITING_ASYNC_PAYMENT);

            demo.failAsyncPayment(session.getId());

            Session after = stripe.v1().checkout().sessions().retrieve(session.getId());
            assertThat(after.getPaymentStatus()).isEqualTo("unpaid");
            assertThat(stripe.v1().paymentIntents().retrieve(after.getPaymentIntent()).getStatus())
                    .isEqualTo("requires_payment_method");
            assertThat(demo.events("checkout.session.async_payment_failed"))
                    .anySatisfy(e -> assertThat(e.json()).contains(session.getId()));
            assertThat(demo.events("checkout.session.async_payment_succeeded"))
                    .noneSatisfy(e -> assertThat(e.json()).contains(session.getId()));
        } finally {
            demo.reset();
        }
    }

    @Test
    void aSubscriptionPageOffersNoPixAndPaysByCard() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(DemoStripeFixtures.monthlyPlan("brl", 4_900))
                .setSuccessUrl("https://example.com/ok?cs={CHECKOUT_SESSION_ID}").build());

        assertThat(get(session.getUrl()).body()).doesNotContain("Pay with PIX").contains("R$49.00");
        HttpResponse<String> paid = pay(session, "5555 5555 5555 4444");

        assertThat(paid.headers().firstValue("Location")).hasValue("https://example.com/ok?cs=" + session.getId());
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription()).startsWith("sub_");
    }

    @Test
    void theControlEndpointPaysASessionAsThePageDoes() throws Exception {
        Session session = paymentSession(stripe, 1_000);

        HttpResponse<String> answer = postForm(demo.baseUrl() + "/_demo/checkout/sessions/" + session.getId()
                + "/pay", "card_number=4000000000009995");
        HttpResponse<String> paid = postForm(demo.baseUrl() + "/_demo/checkout/sessions/" + session.getId()
                + "/pay", "card_number=4242424242424242");
        HttpResponse<String> unknown = postForm(demo.baseUrl() + "/_demo/checkout/sessions/cs_test_nope/pay",
                "card_number=4242424242424242");

        assertThat(answer.body()).contains("\"outcome\" : \"DECLINED\"");
        assertThat(paid.body()).contains("\"outcome\" : \"PAID\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentStatus()).isEqualTo("paid");
    }

    private static HttpResponse<String> pay(Session session, String card) throws Exception {
        return postForm(session.getUrl(), "card_number=" + card.replace(" ", "+") + "&action=pay");
    }
}
