package io.creditgate.payment.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.creditgate.payment.RecurringPaymentsTestBase;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import io.creditgate.schemas.event.SubscriptionEnded;
import io.creditgate.schemas.event.SubscriptionRenewed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Subscriptions end to end: Checkout mode=subscription paid on the demo Stripe's hosted page, its invoices and the
 * subscription's end arriving as signed webhooks, SubscriptionRenewed / SubscriptionEnded and notices read back from
 * the real topics.
 */
class SubscriptionTest extends RecurringPaymentsTestBase {

    static final String OFFER = "pro-monthly-usd";

    @Test
    void listsTheOffersToAnyoneSignedIn() {
        HttpResponse<String> offers = get("/api/payments/subscription-offers", TOKENS.user(newUserId()));
        assertOk(offers);
        JsonNode pro = json(offers).get(0);
        assertThat(pro.path("id").asString()).isEqualTo(OFFER);
        assertThat(pro.path("planId").asString()).isEqualTo("pro");
        assertThat(pro.path("priceMinor").asLong()).isEqualTo(2000);
        assertThat(pro.path("interval").asString()).isEqualTo("month");
        assertThat(json(offers).findValuesAsString("currency")).contains("usd", "brl");
        assertThat(get("/api/payments/subscription-offers", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aPaidSubscriptionCheckoutRenewsThePlanOnceEvenWhenInvoicePaidArrivesTwice() {
        String user = newUserId();
        String subscriptionId = subscribe(user);
        SubscriptionRenewed renewed = paymentEvents(user, SubscriptionRenewed.class).get(0);
        assertThat(renewed.getPlanId()).isEqualTo("pro");
        assertThat(renewed.getSubscriptionId()).isEqualTo(subscriptionId);
        assertThat(renewed.getPaidAmountMinor()).isEqualTo(2000);
        assertThat(renewed.getCurrency()).isEqualTo("usd");
        assertThat(renewed.getPeriodEnd()).isAfter(renewed.getPeriodStart().plus(Duration.ofDays(27)));

        String invoicePaid = eventAbout("invoice.paid", renewed.getInvoiceId());
        int deliveries = deliveriesOf(invoicePaid);
        STRIPE.redeliver(invoicePaid);
        awaitTrue(() -> deliveriesOf(invoicePaid) > deliveries);
        // Another event about the same invoice (a replay from Stripe's dashboard has a new event id): still once.
        assertOk(sendAsNewEvent(invoicePaid));
        assertThat(outboxed(user, "SubscriptionRenewed")).isEqualTo(1);
        assertThat(paymentEvents(user, SubscriptionRenewed.class)).hasSize(1);
        JsonNode mine = json(get(path(user), TOKENS.user(user)));
        assertThat(mine.path("planId").asString()).isEqualTo("pro");
        assertThat(mine.path("status").asString()).isEqualTo("active");
        assertThat(mine.path("cancelAtPeriodEnd").asBoolean()).isFalse();
    }

    @Test
    void aRenewalPublishesASecondSubscriptionRenewedForTheNextPeriod() {
        String user = newUserId();
        String subscriptionId = subscribe(user);
        String invoice = STRIPE.renewSubscription(subscriptionId);

        awaitTrue(() -> paymentEvents(user, SubscriptionRenewed.class).size() == 2);
        List<SubscriptionRenewed> renewals = paymentEvents(user, SubscriptionRenewed.class);
        assertThat(renewals.get(1).getInvoiceId()).isEqualTo(invoice).isNotEqualTo(renewals.get(0).getInvoiceId());
        assertThat(renewals.get(1).getPeriodStart()).isEqualTo(renewals.get(0).getPeriodEnd());
    }

    @Test
    void aFailedRenewalTellsTheUserWithTheInvoiceToPay() {
        String user = newUserId();
        String subscriptionId = subscribe(user);
        String invoice = STRIPE.failSubscriptionRenewal(subscriptionId);

        awaitTrue(() -> notices(user).stream().anyMatch(n -> n.getKind() == PaymentNoticeKind.RENEWAL_PAYMENT_FAILED));
        PaymentNoticeRaised notice = notices(user).stream()
                .filter(n -> n.getKind() == PaymentNoticeKind.RENEWAL_PAYMENT_FAILED).findFirst().orElseThrow();
        assertThat(notice.getPaymentId()).isEqualTo(invoice);
        assertThat(notice.getAmountMinor()).isEqualTo(2000);
        assertThat(notice.getActionUrl()).isNotBlank();
        assertThat(paymentEvents(user, SubscriptionRenewed.class)).hasSize(1);
    }

    @Test
    void aDeletedSubscriptionEndsOnceEvenWhenTheEventArrivesTwice() {
        String user = newUserId();
        String subscriptionId = subscribe(user);
        STRIPE.endSubscription(subscriptionId);

        awaitTrue(() -> paymentEvents(user, SubscriptionEnded.class).size() == 1);
        String deleted = eventAbout("customer.subscription.deleted", subscriptionId);
        int deliveries = deliveriesOf(deleted);
        STRIPE.redeliver(deleted);
        awaitTrue(() -> deliveriesOf(deleted) > deliveries);
        assertOk(sendAsNewEvent(deleted));
        assertThat(outboxed(user, "SubscriptionEnded")).isEqualTo(1);
        assertThat(paymentEvents(user, SubscriptionEnded.class)).hasSize(1);
        SubscriptionEnded ended = paymentEvents(user, SubscriptionEnded.class).get(0);
        assertThat(ended.getPlanId()).isEqualTo("pro");
        assertThat(ended.getSubscriptionId()).isEqualTo(subscriptionId);
        assertThat(json(get(path(user), TOKENS.admin())).path("endedAt").isNull()).isFalse();
    }

    @Test
    void cancellingEndsTheSubscriptionAtThePeriodsEnd() {
        String user = newUserId();
        String subscriptionId = subscribe(user);
        HttpResponse<String> cancelled = delete(path(user), TOKENS.user(user));
        assertOk(cancelled);
        assertThat(json(cancelled).path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(paymentEvents(user, SubscriptionEnded.class)).as("paid until the period ends").isEmpty();

        STRIPE.renewSubscription(subscriptionId);
        awaitTrue(() -> paymentEvents(user, SubscriptionEnded.class).size() == 1);
        assertThat(paymentEvents(user, SubscriptionRenewed.class)).hasSize(1);
    }

    @Test
    void strangersCanNeitherSubscribeNorReadNorCancelSomeoneElsesSubscription() {
        String user = newUserId();
        subscribe(user);
        String stranger = TOKENS.user(newUserId());
        assertThat(post("/api/payments/subscriptions/checkout", stranger, Map.of("offerId", OFFER, "userId", user))
                .statusCode()).isEqualTo(403);
        assertThat(get(path(user), stranger).statusCode()).isEqualTo(403);
        assertThat(delete(path(user), stranger).statusCode()).isEqualTo(403);
        assertThat(delete(path(user), TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(get(path(user), TOKENS.finance()).statusCode()).isEqualTo(200);
        assertThat(get(path(user), null).statusCode()).isEqualTo(401);
        assertThat(post("/api/payments/subscriptions/checkout", null, Map.of("offerId", OFFER)).statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusesAnUnknownOfferAndASecondSubscription() {
        String user = newUserId();
        HttpResponse<String> unknown = post("/api/payments/subscriptions/checkout", TOKENS.user(user),
                Map.of("offerId", "gold"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").path("code").asString()).isEqualTo("offer_unknown");
        subscribe(user);
        HttpResponse<String> again = post("/api/payments/subscriptions/checkout", TOKENS.user(user),
                Map.of("offerId", OFFER));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("error").path("code").asString()).isEqualTo("subscription_exists");
    }

    // --- helpers ---

    /** Subscribes {@code user} to the pro offer on the hosted page and waits for the first renewal. */
    String subscribe(String user) {
        HttpResponse<String> checkout = post("/api/payments/subscriptions/checkout", TOKENS.user(user),
                Map.of("offerId", OFFER));
        assertOk(checkout);
        STRIPE.payCheckout(sessionIdOf(json(checkout).path("url").asString()), "4242 4242 4242 4242");
        awaitTrue(() -> paymentEvents(user, SubscriptionRenewed.class).size() == 1);
        return paymentEvents(user, SubscriptionRenewed.class).get(0).getSubscriptionId();
    }

    static String path(String user) {
        return "/api/payments/users/" + user + "/subscription";
    }

    /** The id of the demo's event of {@code type} about the object {@code objectId}. */
    static String eventAbout(String type, String objectId) {
        return STRIPE.events(type).stream()
                .filter(event -> objectId.equals(JSON.readTree(event.json()).path("data").path("object").path("id")
                        .asString(null)))
                .findFirst().orElseThrow().id();
    }

    /** Answered deliveries of an event to this service. */
    int deliveriesOf(String eventId) {
        return (int) STRIPE.deliveries().stream()
                .filter(d -> d.eventId().equals(eventId) && d.url().contains(":" + port + "/") && d.httpStatus() == 200)
                .count();
    }
}
