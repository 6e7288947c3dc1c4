package io.creditgate.payment.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import io.creditgate.payment.StripeModeTestBase;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.DisputeOutcome;
import io.creditgate.schemas.event.PaymentNoticeAudience;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import io.creditgate.schemas.event.PurchaseDisputeClosed;
import io.creditgate.schemas.event.PurchaseDisputed;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A dispute holds the purchase's credits and tells staff; closed lost or won, the ledger is told which, once. */
class DisputeTest extends StripeModeTestBase {

    @Test
    void aLostDisputeIsAnnouncedOpenedThenLost() {
        String user = newUserId();
        CreditsPurchased purchase = paidCheckout(user, "team");
        String disputeId = DEMO.openDispute(chargeOf(purchase));
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, PurchaseDisputed.class).size() == 1);
        PurchaseDisputed disputed = EVENTS.paymentEvents(user, PurchaseDisputed.class).get(0);
        assertThat(disputed.getDisputeId()).isEqualTo(disputeId);
        assertThat(disputed.getPurchaseId()).isEqualTo(purchase.getPurchaseId());
        assertThat(disputed.getAmountCredits()).isEqualTo(20_000_000);
        assertThat(disputed.getDisputedAmountMinor()).isEqualTo(2_000);
        await().atMost(WAIT).until(() -> notices(user, PaymentNoticeKind.DISPUTE_OPENED).size() == 1);
        assertThat(notices(user, PaymentNoticeKind.DISPUTE_OPENED).get(0).getAudience())
                .isEqualTo(PaymentNoticeAudience.ADMINS_AND_FINANCE);
        assertThat(json(get("/api/payments/users/" + user + "/purchases", TOKENS.user(user))).get("purchases").get(0)
                .get("status").asString()).isEqualTo("disputed");

        DEMO.closeDispute(disputeId, false);
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, PurchaseDisputeClosed.class).size() == 1);
        PurchaseDisputeClosed closed = EVENTS.paymentEvents(user, PurchaseDisputeClosed.class).get(0);
        assertThat(closed.getOutcome()).isEqualTo(DisputeOutcome.LOST);
        assertThat(closed.getDisputeId()).isEqualTo(disputeId);
        await().atMost(WAIT).until(() -> notices(user, PaymentNoticeKind.DISPUTE_CLOSED).size() == 1);

        // Both events again, closed first: nothing new.
        eventsAbout("charge.dispute.closed", disputeId).forEach(e -> assertThat(deliver(e.json()).statusCode()).isEqualTo(200));
        eventsAbout("charge.dispute.created", disputeId).forEach(e -> assertThat(deliver(e.json()).statusCode()).isEqualTo(200));
        assertThat(EVENTS.paymentEvents(user)).hasSize(3);
        JsonNode listed = json(get("/api/payments/disputes?userId=" + user, TOKENS.finance())).get("disputes");
        assertThat(listed.get(0).get("status").asString()).isEqualTo("lost");
        assertThat(json(get("/api/payments/users/" + user + "/purchases", TOKENS.user(user))).get("purchases").get(0)
                .get("status").asString()).isEqualTo("dispute_lost");
    }

    @Test
    void aWonDisputeIsAnnouncedWon() {
        String user = newUserId();
        CreditsPurchased purchase = paidCheckout(user, "starter");
        String disputeId = DEMO.openDispute(chargeOf(purchase));
        DEMO.closeDispute(disputeId, true);
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, PurchaseDisputeClosed.class).size() == 1);
        assertThat(EVENTS.paymentEvents(user, PurchaseDisputeClosed.class).get(0).getOutcome()).isEqualTo(DisputeOutcome.WON);
        // Held before released: the ledger sees them in this order on the user's partition.
        assertThat(EVENTS.paymentEvents(user).stream().map(e -> e.getClass().getSimpleName()).toList())
                .containsExactly("CreditsPurchased", "PurchaseDisputed", "PurchaseDisputeClosed");
    }

    String chargeOf(CreditsPurchased purchase) {
        return jdbc.queryForObject("select charge_id from purchase where purchase_id = ?", String.class,
                purchase.getPurchaseId());
    }

    List<PaymentNoticeRaised> notices(String user, PaymentNoticeKind kind) {
        return EVENTS.notices(user).stream().map(PaymentNoticeRaised.class::cast).filter(n -> n.getKind() == kind).toList();
    }
}
