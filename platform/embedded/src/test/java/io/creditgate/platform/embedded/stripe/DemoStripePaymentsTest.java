package io.creditgate.platform.embedded.stripe;

import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.client;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.paidSessionSavingCard;
import static io.creditgate.platform.embedded.stripe.DemoStripeFixtures.paymentSession;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.SetupIntent;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.ApiResource;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoStripePaymentsTest {

    static DemoStripe demo;
    static StripeClient stripe;

    @BeforeAll
    static void start() {
        demo = DemoStripe.start();
        stripe = client(demo);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    // --- Off-session payments (auto top-up) ---

    @Test
    void anOffSessionPaymentWithASavedWorkingCardSucceedsWithACharge() throws Exception {
        Session saved = paidSessionSavingCard(stripe, demo, "4242424242424242");
        String method = stripe.v1().customers().paymentMethods().list(saved.getCustomer()).getData().get(0).getId();

        PaymentIntent intent = stripe.v1().paymentIntents().create(offSession(saved.getCustomer(), method, 2_000),
                RequestOptions.builder().setIdempotencyKey("topup-acc-1-1").build());

        assertThat(intent.getId()).startsWith("pi_");
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmountReceived()).isEqualTo(2_000L);
        assertThat(intent.getMetadata()).containsEntry("topup", "1");
        Charge charge = stripe.v1().charges().retrieve(intent.getLatestCharge());
        assertThat(charge.getId()).startsWith("ch_");
        assertThat(charge.getStatus()).isEqualTo("succeeded");
        assertThat(charge.getPaid()).isTrue();
        assertThat(charge.getAmount()).isEqualTo(2_000L);
        assertThat(charge.getAmountRefunded()).isZero();
        assertThat(charge.getRefunded()).isFalse();
        assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
        assertThat(charge.getCustomer()).isEqualTo(saved.getCustomer());
        assertThat(charge.getPaymentMethodDetails().getCard().getLast4()).isEqualTo("4242");
        assertThat(stripe.v1().paymentIntents().retrieve(intent.getId()).getStatus()).isEqualTo("succeeded");
        assertThat(demo.events("payment_intent.succeeded")).anySatisfy(e -> assertThat(e.json()).contains(intent.getId()));
        assertThat(demo.events("charge.succeeded")).anySatisfy(e -> assertThat(e.json()).contains(charge.getId()));
    }

    @Test
    void anOffSessionPaymentWithACardThatNeedsAuthenticationIsA402AuthenticationRequired() throws Exception {
        Session saved = paidSessionSavingCard(stripe, demo, "4000 0025 0000 3155");
        String method = stripe.v1().customers().paymentMethods().list(saved.getCustomer()).getData().get(0).getId();

        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(offSession(saved.getCustomer(), method, 2_000)))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(402);
                    assertThat(e.getCode()).isEqualTo("authentication_required");
                    PaymentIntent intent = e.getStripeError().getPaymentIntent();
                    assertThat(intent.getId()).startsWith("pi_");
                    assertThat(intent.getStatus()).isEqualTo("requires_payment_method");
                    assertThat(intent.getLastPaymentError().getCode()).isEqualTo("authentication_required");
                    assertThat(demo.events("payment_intent.payment_failed"))
                            .anySatisfy(event -> assertThat(event.json()).contains(intent.getId()));
                });
    }

    @Test
    void anOffSessionPaymentWithACardWithoutFundsIsDeclinedInsufficientFunds() throws Exception {
        Session setup = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCurrency("usd")
                .setSuccessUrl("https://example.com/saved").build());
        assertThat(demo.payCheckout(setup.getId(), "4000000000009995")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);
        Session saved = stripe.v1().checkout().sessions().retrieve(setup.getId());
        assertThat(saved.getPaymentStatus()).isEqualTo("no_payment_required");
        SetupIntent setupIntent = stripe.v1().setupIntents().retrieve(saved.getSetupIntent());
        assertThat(setupIntent.getStatus()).isEqualTo("succeeded");
        assertThat(setupIntent.getCustomer()).isEqualTo(saved.getCustomer());

        assertThatThrownBy(() -> stripe.v1().paymentIntents().create(
                offSession(saved.getCustomer(), setupIntent.getPaymentMethod(), 2_000)))
                .isInstanceOfSatisfying(CardException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(402);
                    assertThat(e.getCode()).isEqualTo("card_declined");
                    assertThat(e.getDeclineCode()).isEqualTo("insufficient_funds");
                    assertThat(e.getStripeError().getPaymentIntent().getStatus()).isEqualTo("requires_payment_method");
                    assertThat(e.getCharge()).startsWith("ch_");
                });
    }

    @Test
    void aDeclineIsReplayedForTheSameIdempotencyKeyWithoutChargingAgain() throws Exception {
        Session setup = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setSuccessUrl("https://example.com/saved").build());
        demo.payCheckout(setup.getId(), "4000000000009995");
        Session saved = stripe.v1().checkout().sessions().retrieve(setup.getId());
        String method = stripe.v1().setupIntents().retrieve(saved.getSetupIntent()).getPaymentMethod();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("topup-declined-1").build();
        int intentsBefore = demo.events("payment_intent.created").size();

        String first = declinedIntentId(saved.getCustomer(), method, key);
        String second = declinedIntentId(saved.getCustomer(), method, key);

        assertThat(second).isEqualTo(first);
        assertThat(demo.events("payment_intent.created")).hasSize(intentsBefore + 1);
    }

    @Test
    void twentyConcurrentCallsWithOneIdempotencyKeyChargeTheCardOnce() throws Exception {
        Session saved = paidSessionSavingCard(stripe, demo, "4242424242424242");
        String method = stripe.v1().customers().paymentMethods().list(saved.getCustomer()).getData().get(0).getId();
        RequestOptions key = RequestOptions.builder().setIdempotencyKey("topup-concurrent-7").build();
        int chargesBefore = demo.events("charge.succeeded").size();

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            List<java.util.concurrent.Future<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> stripe.v1().paymentIntents()
                        .create(offSession(saved.getCustomer(), method, 1_500), key).getId()));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> call : calls) {
                ids.add(call.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(demo.events("charge.succeeded")).hasSize(chargesBefore + 1);
    }

    @Test
    void aStoredDeclineIsReplayedWithTheReplayedHeaderOverPlainHttp() throws Exception {
        Session setup = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setSuccessUrl("https://example.com/saved").build());
        demo.payCheckout(setup.getId(), "4000000000009995");
        Session saved = stripe.v1().checkout().sessions().retrieve(setup.getId());
        String method = stripe.v1().setupIntents().retrieve(saved.getSetupIntent()).getPaymentMethod();
        String form = "amount=900&currency=usd&confirm=true&off_session=true&customer=" + saved.getCustomer()
                + "&payment_method=" + method;

        java.net.http.HttpResponse<String> first = postWithKey(form, "raw-decline-1");
        java.net.http.HttpResponse<String> second = postWithKey(form, "raw-decline-1");

        assertThat(first.statusCode()).isEqualTo(402);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(402);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body()).contains("\"decline_code\":\"insufficient_funds\"");
        assertThat(second.headers().firstValue("Request-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
    }

    @Test
    void paymentIntentDataFromTheSessionGoesOnTheIntentAndItsCharge() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .addLineItem(DemoStripeFixtures.pack("usd", 1_200, 1))
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata("account", "acc-9").setDescription("Starter pack").build())
                .setSuccessUrl("https://example.com/ok").build());
        demo.payCheckout(session.getId(), "4242424242424242");

        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent());

        assertThat(intent.getMetadata()).containsEntry("account", "acc-9");
        assertThat(intent.getDescription()).isEqualTo("Starter pack");
        assertThat(intent.getCustomer()).isNull();
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getMetadata())
                .containsEntry("account", "acc-9");
    }

    private static java.net.http.HttpResponse<String> postWithKey(String form, String key) throws Exception {
        return DemoStripeFixtures.HTTP.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(demo.baseUrl() + "/v1/payment_intents"))
                .header("Authorization", "Bearer " + DemoStripe.DEFAULT_SECRET_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static String declinedIntentId(String customer, String method, RequestOptions key) {
        try {
            stripe.v1().paymentIntents().create(offSession(customer, method, 700), key);
            throw new AssertionError("the card should have been declined");
        } catch (CardException e) {
            return e.getStripeError().getPaymentIntent().getId();
        } catch (com.stripe.exception.StripeException e) {
            throw new AssertionError(e);
        }
    }

    private static PaymentIntentCreateParams offSession(String customer, String method, long amount) {
        return PaymentIntentCreateParams.builder()
                .setAmount(amount).setCurrency("usd").setCustomer(customer).setPaymentMethod(method)
                .setOffSession(true).setConfirm(true).putMetadata("topup", "1").setDescription("Auto top-up")
                .build();
    }

    // --- Refunds ---

    @Test
    void refundsKeepARunningTotalOnTheChargeUntilItIsFullyRefunded() throws Exception {
        String intentId = paidIntent(10_000);

        Refund partial = stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId)
                .setAmount(3_000L).setReason(RefundCreateParams.Reason.REQUESTED_BY_CUSTOMER)
                .putMetadata("by", "finance").build());
        Charge afterPartial = stripe.v1().charges().retrieve(partial.getCharge());
        Refund rest = stripe.v1().refunds().create(RefundCreateParams.builder().setCharge(partial.getCharge()).build());
        Charge afterRest = stripe.v1().charges().retrieve(partial.getCharge());

        assertThat(partial.getId()).startsWith("re_");
        assertThat(partial.getStatus()).isEqualTo("succeeded");
        assertThat(partial.getAmount()).isEqualTo(3_000L);
        assertThat(partial.getPaymentIntent()).isEqualTo(intentId);
        assertThat(partial.getReason()).isEqualTo("requested_by_customer");
        assertThat(partial.getMetadata()).containsEntry("by", "finance");
        assertThat(afterPartial.getAmountRefunded()).isEqualTo(3_000L);
        assertThat(afterPartial.getRefunded()).isFalse();
        assertThat(rest.getAmount()).isEqualTo(7_000L);
        assertThat(afterRest.getAmountRefunded()).isEqualTo(10_000L);
        assertThat(afterRest.getRefunded()).isTrue();
        assertThat(stripe.v1().refunds().retrieve(rest.getId()).getCharge()).isEqualTo(partial.getCharge());

        List<Event> refunded = eventsAbout("charge.refunded", partial.getCharge());
        assertThat(refunded).hasSize(2);
        assertThat(((Charge) refunded.get(0).getDataObjectDeserializer().getObject().orElseThrow())
                .getAmountRefunded()).isEqualTo(3_000L);
        assertThat(number(refunded.get(0).getData().getPreviousAttributes().get("amount_refunded"))).isZero();
        assertThat(number(refunded.get(1).getData().getPreviousAttributes().get("amount_refunded"))).isEqualTo(3_000L);
        assertThat(refunded.get(1).getData().getPreviousAttributes()).containsEntry("refunded", false);
        assertThat(eventsAbout("refund.created", partial.getCharge())).hasSize(2);
    }

    @Test
    void refusesToRefundMoreThanRemainsAndAFullyRefundedCharge() throws Exception {
        String intentId = paidIntent(10_000);
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).setAmount(9_000L).build());

        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId)
                .setAmount(2_000L).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getParam()).isEqualTo("amount");
                    assertThat(e.getStripeError().getMessage()).isEqualTo(
                            "Refund amount ($20.00) is greater than unrefunded amount on charge ($10.00)");
                });
        stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId).build());
        assertThatThrownBy(() -> stripe.v1().refunds().create(RefundCreateParams.builder().setPaymentIntent(intentId)
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("charge_already_refunded"));
    }

    // --- Disputes ---

    @Test
    void aDisputeOpensNeedingAResponseAndClosesWonOrLost() throws Exception {
        Charge won = stripe.v1().charges().retrieve(
                stripe.v1().paymentIntents().retrieve(paidIntent(5_000)).getLatestCharge());
        Charge lost = stripe.v1().charges().retrieve(
                stripe.v1().paymentIntents().retrieve(paidIntent(6_000)).getLatestCharge());

        String wonId = demo.openDispute(won.getId());
        String lostId = demo.openDispute(lost.getId());
        Dispute open = stripe.v1().disputes().retrieve(wonId);
        demo.closeDispute(wonId, true);
        demo.closeDispute(lostId, false);

        assertThat(open.getId()).startsWith("dp_");
        assertThat(open.getStatus()).isEqualTo("needs_response");
        assertThat(open.getAmount()).isEqualTo(5_000L);
        assertThat(open.getCharge()).isEqualTo(won.getId());
        assertThat(open.getPaymentIntent()).isEqualTo(won.getPaymentIntent());
        assertThat(open.getReason()).isEqualTo("fraudulent");
        assertThat(stripe.v1().charges().retrieve(won.getId()).getDisputed()).isTrue();
        assertThat(stripe.v1().disputes().retrieve(wonId).getStatus()).isEqualTo("won");
        assertThat(stripe.v1().disputes().retrieve(lostId).getStatus()).isEqualTo("lost");
        assertThat(eventsAbout("charge.dispute.created", wonId)).hasSize(1);
        assertThat(eventsAbout("charge.dispute.closed", lostId)).singleElement().satisfies(event ->
                assertThat(((Dispute) event.getDataObjectDeserializer().getObject().orElseThrow()).getStatus())
                        .isEqualTo("lost"));
        assertThatThrownBy(() -> demo.closeDispute(wonId, false)).isInstanceOf(IllegalStateException.class);
    }

    // --- Subscriptions ---

    @Test
    void aSubscriptionCheckoutStartsAnActiveSubscriptionWithAPaidFirstInvoice() throws Exception {
        Session session = subscribe();
        Subscription subscription = stripe.v1().subscriptions().retrieve(session.getSubscription());
        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());

        assertThat(session.getStatus()).isEqualTo("complete");
        assertThat(session.getPaymentStatus()).isEqualTo("paid");
        assertThat(subscription.getId()).startsWith("sub_");
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getCustomer()).isEqualTo(session.getCustomer());
        assertThat(subscription.getMetadata()).containsEntry("plan", "pro");
        var item = subscription.getItems().getData().get(0);
        assertThat(item.getId()).startsWith("si_");
        assertThat(item.getPrice().getUnitAmount()).isEqualTo(2_900L);
        assertThat(item.getPrice().getRecurring().getInterval()).isEqualTo("month");
        assertThat(item.getCurrentPeriodEnd() - item.getCurrentPeriodStart()).isBetween(28L * 86_400, 31L * 86_400);
        assertThat(invoice.getId()).startsWith("in_");
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getAmountPaid()).isEqualTo(2_900L);
        assertThat(invoice.getCurrency()).isEqualTo("usd");
        assertThat(invoice.getCustomer()).isEqualTo(session.getCustomer());
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
        assertThat(invoice.getParent().getSubscriptionDetails().getSubscription()).isEqualTo(subscription.getId());
        assertThat(invoice.getLines().getData()).singleElement().satisfies(line -> {
            assertThat(line.getAmount()).isEqualTo(2_900L);
            assertThat(line.getPeriod().getStart()).isEqualTo(item.getCurrentPeriodStart());
            assertThat(line.getPeriod().getEnd()).isEqualTo(item.getCurrentPeriodEnd());
        });
        assertThat(eventsAbout("customer.subscription.created", subscription.getId())).hasSize(1);
        assertThat(eventsAbout("invoice.paid", invoice.getId())).hasSize(1);
        assertThat(eventsAbout("checkout.session.completed", session.getId())).singleElement().satisfies(event ->
                assertThat(((Session) event.getDataObjectDeserializer().getObject().orElseThrow()).getSubscription())
                        .isEqualTo(subscription.getId()));
    }

    @Test
    void aPaidRenewalMovesThePeriodOnAndPaysANewInvoice() throws Exception {
        Subscription before = stripe.v1().subscriptions().retrieve(subscribe().getSubscription());

        String invoiceId = demo.renewSubscription(before.getId());

        Subscription after = stripe.v1().subscriptions().retrieve(before.getId());
        Invoice invoice = stripe.v1().invoices().retrieve(invoiceId);
        assertThat(after.getItems().getData().get(0).getCurrentPeriodStart())
                .isEqualTo(before.getItems().getData().get(0).getCurrentPeriodEnd());
        assertThat(after.getLatestInvoice()).isEqualTo(invoiceId);
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_cycle");
        assertThat(invoice.getAmountPaid()).isEqualTo(2_900L);
        assertThat(invoice.getParent().getSubscriptionDetails().getMetadata()).containsEntry("plan", "pro");
        assertThat(eventsAbout("invoice.paid", invoiceId)).hasSize(1);
    }

    @Test
    void aFailedRenewalLeavesAnOpenInvoiceAndTheSubscriptionPastDue() throws Exception {
        String subscriptionId = subscribe().getSubscription();

        String invoiceId = demo.failSubscriptionRenewal(subscriptionId);

        Invoice invoice = stripe.v1().invoices().retrieve(invoiceId);
        assertThat(invoice.getStatus()).isEqualTo("open");
        assertThat(invoice.getAmountPaid()).isZero();
        assertThat(invoice.getAmountRemaining()).isEqualTo(2_900L);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus()).isEqualTo("past_due");
        assertThat(eventsAbout("invoice.payment_failed", invoiceId)).hasSize(1);
        assertThat(eventsAbout("invoice.paid", invoiceId)).isEmpty();
    }

    @Test
    void deletingASubscriptionCancelsItAndSaysSo() throws Exception {
        String subscriptionId = subscribe().getSubscription();

        Subscription canceled = stripe.v1().subscriptions().cancel(subscriptionId);

        assertThat(canceled.getStatus()).isEqualTo("canceled");
        assertThat(canceled.getEndedAt()).isNotNull();
        assertThat(eventsAbout("customer.subscription.deleted", subscriptionId)).hasSize(1);
        assertThatThrownBy(() -> demo.renewSubscription(subscriptionId)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSubscriptionSetToCancelAtThePeriodsEndEndsInsteadOfRenewing() throws Exception {
        String subscriptionId = subscribe().getSubscription();

        Subscription updated = stripe.v1().subscriptions().update(subscriptionId,
                SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build());
        String invoice = demo.renewSubscription(subscriptionId);

        assertThat(updated.getCancelAtPeriodEnd()).isTrue();
        assertThat(updated.getCancelAt()).isEqualTo(updated.getItems().getData().get(0).getCurrentPeriodEnd());
        assertThat(eventsAbout("customer.subscription.updated", subscriptionId)).first().satisfies(event ->
                assertThat(event.getData().getPreviousAttributes()).containsEntry("cancel_at_period_end", false));
        assertThat(invoice).isNull();
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getStatus()).isEqualTo("canceled");
        assertThat(eventsAbout("customer.subscription.deleted", subscriptionId)).hasSize(1);
    }

    @Test
    void endingASubscriptionFromTheControlApiCancelsIt() throws Exception {
        String subscriptionId = subscribe().getSubscription();
        demo.failSubscriptionRenewal(subscriptionId);

        demo.endSubscription(subscriptionId);

        Subscription ended = stripe.v1().subscriptions().retrieve(subscriptionId);
        assertThat(ended.getStatus()).isEqualTo("canceled");
        assertThat(ended.getCancellationDetails().getReason()).isEqualTo("payment_failed");
        assertThat(eventsAbout("customer.subscription.deleted", subscriptionId)).hasSize(1);
    }

    private static Session subscribe() throws Exception {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(DemoStripeFixtures.monthlyPlan("usd", 2_900))
                .setCustomerEmail("sub@example.com")
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("plan", "pro").build())
                .setSuccessUrl("https://example.com/ok").build());
        assertThat(demo.payCheckout(session.getId(), "4242424242424242")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);
        return stripe.v1().checkout().sessions().retrieve(session.getId());
    }

    /** A Checkout paid with 4242; the PaymentIntent's id. */
    private static String paidIntent(long amount) throws Exception {
        Session session = paymentSession(stripe, amount);
        demo.payCheckout(session.getId(), "4242424242424242");
        return stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** The events of a type whose JSON mentions an id, parsed as stripe-java parses them, oldest first. */
    static List<Event> eventsAbout(String type, String id) {
        return demo.events(type).stream().filter(event -> event.json().contains(id))
                .map(event -> ApiResource.GSON.fromJson(event.json(), Event.class)).toList();
    }
}
