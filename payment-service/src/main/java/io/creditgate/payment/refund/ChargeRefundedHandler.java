package io.creditgate.payment.refund;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.stripe.model.Charge;
import com.stripe.model.Event;
import io.creditgate.payment.purchase.Purchase;
import io.creditgate.payment.purchase.PurchaseMetrics;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code charge.refunded}, whether the refund was asked for here or made in Stripe's dashboard: the charge is
 * retrieved (its {@code amount_refunded} is the running total now, whatever the event says) and the purchase refunded
 * up to it. The refund's id is the charge and that total, so a redelivery is a no-op and each new partial refund new.
 */
@Component
class ChargeRefundedHandler implements StripeEventHandler {

    private static final Logger log = LoggerFactory.getLogger(ChargeRefundedHandler.class);

    private final StripeAccess stripe;
    private final Purchases purchases;
    private final RefundLedger ledger;
    private final PurchaseMetrics metrics;
    private final JdbcTemplate jdbc;

    ChargeRefundedHandler(StripeAccess stripe, Purchases purchases, RefundLedger ledger, PurchaseMetrics metrics,
            JdbcTemplate jdbc) {
        this.stripe = stripe;
        this.purchases = purchases;
        this.ledger = ledger;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("charge.refunded");
    }

    @Override
    public void handle(Event event) {
        String chargeId = StripeEvents.objectId(event);
        Charge charge = StripeCallFailedException.call("retrieving charge " + chargeId,
                () -> stripe.client().v1().charges().retrieve(chargeId));
        Optional<Purchase> found = purchases.lockByCharge(chargeId, charge.getPaymentIntent());
        if (found.isEmpty()) {
            metrics.refused("unknown_charge");
            log.warn("charge.refunded for charge {} that paid no purchase recorded here: nothing taken back", chargeId);
            return;
        }
        Purchase purchase = found.get();
        long cumulative = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        String refundId = chargeId + ":refunded:" + cumulative;
        // Who asked, when it was asked here; a refund made in Stripe's dashboard has no request.
        List<String[]> requests = jdbc.query("select requested_by, reason from refund_request where purchase_id = ?"
                + " and refund_id is null order by created_at", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                purchase.purchaseId());
        String requestedBy = requests.isEmpty() ? "stripe"
                : String.join(", ", requests.stream().map(r -> r[0]).distinct().toList());
        String reason = requests.isEmpty() ? "refunded in Stripe"
                : String.join("; ", requests.stream().map(r -> r[1]).toList());
        ledger.refundUpTo(purchase, cumulative, refundId, event.getId(), reason, requestedBy).ifPresent(refund -> {
            jdbc.update("update refund_request set refund_id = ? where purchase_id = ? and refund_id is null",
                    refund.refundId(), purchase.purchaseId());
            log.info("Charge {} refunded {} {} in all: {} credits taken back from purchase {}", chargeId, cumulative,
                    purchase.currency(), refund.credits(), purchase.purchaseId());
        });
    }
}
