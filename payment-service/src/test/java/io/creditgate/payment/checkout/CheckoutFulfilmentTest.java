package io.creditgate.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.creditgate.payment.StripeModeTestBase;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.junit.jupiter.api.Test;

/**
 * Checkout against the demo Stripe: a paid session credits its pack once, however often, in whatever order and
 * however late its events come; unpaid, unknown and tampered sessions credit nothing; PIX credits only once it
 * settles and tells the user when it does not.
 */
class CheckoutFulfilmentTest extends StripeModeTestBase {

    @Test
    void aPaidCheckoutCreditsThePackOnce() throws Exception {
        String user = newUserId();
        double webhooksBefore = counter("creditgate.payments.webhooks", "type", "checkout.session.completed",
                "outcome", "processed");
        CreditsPurchased purchase = paidCheckout(user, "starter");

        assertThat(purchase.getAmountCredits()).isEqualTo(5_000_000);
        assertThat(purchase.getPaidAmountMinor()).isEqualTo(500);
        assertThat(purchase.getCurrency()).isEqualTo("usd");
        assertThat(purchase.getMethod()).isEqualTo("checkout");
        assertThat(purchase.getReference()).startsWith("pi_");
        Map<String, Object> row = jdbc.queryForMap("select * from purchase where purchase_id = ?", purchase.getPurchaseId());
        assertThat(row.get("user_id")).isEqualTo(user);
        assertThat(row.get("credits")).isEqualTo(5_000_000L);
        assertThat(row.get("payment_intent_id")).isEqualTo(purchase.getReference());
        assertThat((String) row.get("charge_id")).startsWith("ch_");
        assertThat((String) row.get("receipt_url")).contains("/receipts/" + row.get("charge_id"));
        assertThat(counter("creditgate.payments.webhooks", "type", "checkout.session.completed", "outcome", "processed"))
                .isGreaterThan(webhooksBefore);

        // The same event five times at once, then once more a while later: credited once.
        String event = eventsAbout("checkout.session.completed", purchase.getPurchaseId()).get(0).json();
        List<Integer> statuses = concurrently(5, () -> deliver(event).statusCode());
        assertThat(statuses).containsOnly(200);
        Thread.sleep(1_500);
        HttpResponse<String> late = deliver(event);
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(json(late).get("status").asString()).isEqualTo("already_processed");
        Thread.sleep(500);
        assertThat(EVENTS.paymentEvents(user, CreditsPurchased.class)).hasSize(1);
        assertThat(purchasesOf(user)).isEqualTo(1);

        // The user sees it, with the receipt.
        var listed = json(get("/api/payments/users/" + user + "/purchases", TOKENS.user(user))).get("purchases");
        assertThat(listed.get(0).get("receiptUrl").asString()).contains("/receipts/");
    }

    @Test
    void eventsOfOneSessionOutOfOrderAndRepeatedCreditOnce() throws Exception {
        String user = newUserId();
        String session = checkout(user, "brl-25");
        assertThat(DEMO.payCheckoutWithPix(session)).isEqualTo(DemoStripe.CheckoutOutcome.AWAITING_ASYNC_PAYMENT);
        DEMO.settleAsyncPayment(session);
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, CreditsPurchased.class).size() == 1);

        // Every event about the session, newest first, each five times from several threads, and then again.
        List<String> events = new ArrayList<>();
        for (String type : List.of("checkout.session.async_payment_succeeded", "checkout.session.completed")) {
            eventsAbout(type, session).forEach(e -> events.add(e.json()));
        }
        assertThat(events).hasSize(2);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.forEach(e -> deliveries.add(() -> deliver(e).statusCode()));
        }
        Collections.shuffle(deliveries);
        assertThat(concurrently(deliveries)).containsOnly(200);
        DEMO.redeliver(eventsAbout("checkout.session.completed", session).get(0).id(), Duration.ofSeconds(1));
        Thread.sleep(2_500);

        List<CreditsPurchased> purchases = EVENTS.paymentEvents(user, CreditsPurchased.class);
        assertThat(purchases).hasSize(1);
        assertThat(purchases.get(0).getAmountCredits()).isEqualTo(4_500_000);
        assertThat(purchases.get(0).getCurrency()).isEqualTo("brl");
        assertThat(purchasesOf(user)).isEqualTo(1);
    }

    @Test
    void pixCreditsOnlyWhenItSettles() {
        String user = newUserId();
        String session = checkout(user, "brl-100");
        DEMO.payCheckoutWithPix(session);
        await().atMost(WAIT).until(() -> !eventsAbout("checkout.session.completed", session).isEmpty()
                && jdbc.queryForObject("select count(*) from stripe_event where event_id = ?", Long.class,
                eventsAbout("checkout.session.completed", session).get(0).id()) == 1);
        assertThat(purchasesOf(user)).as("completed but unpaid").isZero();

        DEMO.settleAsyncPayment(session);
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, CreditsPurchased.class).size() == 1);
        assertThat(EVENTS.paymentEvents(user, CreditsPurchased.class).get(0).getAmountCredits()).isEqualTo(18_000_000);
    }

    @Test
    void aPixPaymentThatFailsCreditsNothingAndTellsTheUser() throws Exception {
        String user = newUserId();
        String session = checkout(user, "brl-25");
        DEMO.payCheckoutWithPix(session);
        DEMO.failAsyncPayment(session);
        await().atMost(WAIT).until(() -> EVENTS.notices(user).stream().anyMatch(n -> n instanceof PaymentNoticeRaised notice
                && notice.getKind() == PaymentNoticeKind.ASYNC_PAYMENT_FAILED));
        PaymentNoticeRaised notice = (PaymentNoticeRaised) EVENTS.notices(user).stream()
                .filter(n -> ((PaymentNoticeRaised) n).getKind() == PaymentNoticeKind.ASYNC_PAYMENT_FAILED).findFirst()
                .orElseThrow();
        assertThat(notice.getPaymentId()).isEqualTo(session);
        assertThat(notice.getAmountMinor()).isEqualTo(2_500);
        assertThat(notice.getActionUrl()).isEqualTo("http://dashboard.test/app/buy");
        Thread.sleep(500);
        assertThat(purchasesOf(user)).isZero();
        assertThat(EVENTS.paymentEvents(user)).isEmpty();
    }

    @Test
    void aSessionThisServiceDidNotCreateCreditsNothing() throws Exception {
        String user = newUserId();
        double refusedBefore = counter("creditgate.payments.fulfilment.refused", "reason", "unknown_session");
        Session foreign = STRIPE.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setClientReferenceId(user)
                .setSuccessUrl("http://elsewhere.test/ok").putMetadata("userId", user).putMetadata("credits", "999999999")
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder().setCurrency("usd").setUnitAmount(100L)
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName("not ours").build()).build()).build()).build());
        assertThat(DEMO.payCheckout(foreign.getId(), "4242424242424242")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);
        await().atMost(WAIT).until(() -> counter("creditgate.payments.fulfilment.refused", "reason", "unknown_session")
                > refusedBefore);
        Thread.sleep(500);
        assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Long.class, foreign.getId()))
                .isZero();
        assertThat(EVENTS.paymentEvents(user)).isEmpty();
    }

    @Test
    void aSessionPaidForAnotherAmountThanItsAttemptCreditsNothing() throws Exception {
        String user = newUserId();
        String session = checkout(user, "team");
        // What the attempt asked no longer matches what Stripe charged (as if the pack's price had been tampered with).
        jdbc.update("update checkout_attempt set amount_minor = 1 where session_id = ?", session);
        double before = counter("creditgate.payments.fulfilment.refused", "reason", "amount_mismatch");
        DEMO.payCheckout(session, "4242424242424242");
        await().atMost(WAIT).until(() -> counter("creditgate.payments.fulfilment.refused", "reason", "amount_mismatch")
                > before);
        Thread.sleep(500);
        assertThat(purchasesOf(user)).isZero();
    }

    @Test
    void anEventInAnotherApiVersionIsHandledFromTheRetrievedSession() {
        String user = newUserId();
        String session = checkout(user, "starter");
        // The demo delivers nothing this time: only a copy of its event rendered in an older API version arrives.
        DemoStripe.Options withEndpoints = DEMO.options();
        DEMO.reconfigure(withEndpoints.withWebhookEndpoints(List.of()));
        try {
            DEMO.payCheckout(session, "4242424242424242");
            String original = eventsAbout("checkout.session.completed", session).get(0).json();
            String eventId = "evt_older_" + System.nanoTime();
            String older = original.replaceFirst("\"id\" ?: ?\"evt_[A-Za-z0-9]+\"", "\"id\":\"" + eventId + "\"")
                    .replace(DemoStripe.API_VERSION, "2024-06-20");
            assertThat(older).contains(eventId).contains("2024-06-20");
            HttpResponse<String> response = deliver(older);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("status").asString()).isEqualTo("processed");
            await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, CreditsPurchased.class).size() == 1);
            assertThat(EVENTS.paymentEvents(user, CreditsPurchased.class).get(0).getEventId()).isEqualTo(eventId);
        } finally {
            DEMO.reconfigure(withEndpoints);
        }
        assertThat(counter("creditgate.payments.webhooks.other_api_version", "api_version", "2024-06-20")).isPositive();
    }

    @Test
    void anEventWhoseSessionStripeCannotFindFailsAndIsNotRecorded() {
        String payload = io.creditgate.payment.StripeSigning.event("evt_missing_" + System.nanoTime(),
                "checkout.session.completed", "{\"id\": \"cs_test_does_not_exist\", \"object\": \"checkout.session\"}");
        HttpResponse<String> response = deliver(payload);
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).get("error").get("code").asString()).isEqualTo("event_failed");
        assertThat(jdbc.queryForObject("select count(*) from stripe_event where event_id like 'evt_missing_%'", Long.class))
                .isZero();
    }

    static <T> List<T> concurrently(int times, Callable<T> call) throws Exception {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            calls.add(call);
        }
        return concurrently(calls);
    }

    static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
