package io.creditgate.payment.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.stripe.param.RefundCreateParams;
import io.creditgate.payment.StripeModeTestBase;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Refunds of Stripe purchases, asked for here or made in Stripe's dashboard: charge.refunded's running total takes
 * back exactly the right credits, partial refunds summing to the purchase, and redeliveries take nothing more.
 */
class StripeRefundTest extends StripeModeTestBase {

    @Test
    void partialRefundsFromHereAndFromStripeSumToThePurchase() throws Exception {
        String user = newUserId();
        CreditsPurchased purchase = paidCheckout(user, "starter");
        String refunds = "/api/payments/purchases/" + purchase.getPurchaseId() + "/refunds";

        HttpResponse<String> first = post(refunds, TOKENS.finance(), Map.of("amountMinor", 100, "reason", "partly unused"),
                "Idempotency-Key", "r-1");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        JsonNode pending = json(first);
        // Stripe may deliver charge.refunded before its answer to the refund reaches us: either is right here.
        assertThat(pending.get("status").asString()).isIn("pending", "refunded");
        assertThat(pending.get("stripeRefundId").asString()).startsWith("re_");
        await().atMost(WAIT).until(() -> refundsOf(user).size() == 1);
        assertThat(refundsOf(user).get(0).getAmountCredits()).isEqualTo(1_000_000);
        // The same request again: the first one's answer, no second refund at Stripe.
        HttpResponse<String> retry = post(refunds, TOKENS.finance(), Map.of("amountMinor", 100, "reason", "partly unused"),
                "Idempotency-Key", "r-1");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("status").asString()).isEqualTo("refunded");

        // Refunded in Stripe's dashboard: the same handler takes it back.
        String chargeId = jdbc.queryForObject("select charge_id from purchase where purchase_id = ?", String.class,
                purchase.getPurchaseId());
        STRIPE.v1().refunds().create(RefundCreateParams.builder().setCharge(chargeId).setAmount(150L).build());
        await().atMost(WAIT).until(() -> refundsOf(user).size() == 2);
        assertThat(refundsOf(user).get(1).getAmountCredits()).isEqualTo(1_500_000);

        HttpResponse<String> tooMuch = post(refunds, TOKENS.admin(), Map.of("amountMinor", 251, "reason", "all"));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(json(tooMuch).get("error").get("code").asString()).isEqualTo("refund_exceeds_remaining");
        assertThat(json(tooMuch).get("error").get("message").asString()).contains("Only 250 of 500");

        assertThat(post(refunds, TOKENS.admin(), Map.of("reason", "the rest")).statusCode()).isEqualTo(202);
        await().atMost(WAIT).until(() -> refundsOf(user).size() == 3);
        List<CreditsRefunded> taken = refundsOf(user);
        assertThat(taken.get(2).getAmountCredits()).isEqualTo(2_500_000);
        assertThat(taken.stream().mapToLong(CreditsRefunded::getAmountCredits).sum()).isEqualTo(purchase.getAmountCredits());
        assertThat(taken).extracting(CreditsRefunded::getRefundId)
                .containsExactly(chargeId + ":refunded:100", chargeId + ":refunded:250", chargeId + ":refunded:500");
        assertThat(taken).allMatch(r -> r.getPurchaseId().equals(purchase.getPurchaseId()));

        // Every charge.refunded again, newest first: nothing more is taken.
        List<String> events = eventsAbout("charge.refunded", chargeId).stream().map(e -> e.json()).toList();
        assertThat(events).hasSize(3);
        for (int i = events.size() - 1; i >= 0; i--) {
            assertThat(deliver(events.get(i)).statusCode()).isEqualTo(200);
        }
        Thread.sleep(500);
        assertThat(refundsOf(user)).hasSize(3);
        await().atMost(WAIT).until(() -> EVENTS.notices(user).stream().filter(n -> ((PaymentNoticeRaised) n).getKind()
                == PaymentNoticeKind.REFUNDED).count() == 3);

        JsonNode listed = json(get("/api/payments/users/" + user + "/purchases", TOKENS.user(user))).get("purchases").get(0);
        assertThat(listed.get("status").asString()).isEqualTo("refunded");
        assertThat(listed.get("refunds")).hasSize(3);
        assertThat(listed.get("refunds").get(0).get("requestedBy").asString()).isEqualTo("finance@example.com");
        assertThat(listed.get("refunds").get(1).get("requestedBy").asString()).isEqualTo("stripe");
        assertThat(post(refunds, TOKENS.admin(), Map.of("reason", "again")).statusCode()).isEqualTo(400);
    }

    @Test
    void aFullRefundTakesBackThePurchase() {
        String user = newUserId();
        CreditsPurchased purchase = paidCheckout(user, "team");
        HttpResponse<String> refund = post("/api/payments/purchases/" + purchase.getPurchaseId() + "/refunds",
                TOKENS.admin(), Map.of("reason", "customer asked"));
        assertThat(refund.statusCode()).isEqualTo(202);
        assertThat(json(refund).get("amountMinor").asLong()).isEqualTo(2_000);
        await().atMost(WAIT).until(() -> refundsOf(user).size() == 1);
        assertThat(refundsOf(user).get(0).getAmountCredits()).isEqualTo(20_000_000);
        assertThat(refundsOf(user).get(0).getRefundedAmountMinor()).isEqualTo(2_000);
    }

    List<CreditsRefunded> refundsOf(String user) {
        return EVENTS.paymentEvents(user, CreditsRefunded.class);
    }
}
