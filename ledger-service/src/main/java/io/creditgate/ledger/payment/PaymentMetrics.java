package io.creditgate.ledger.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Meters of the payment intake; the names are the contract of the dashboards. */
@Component
class PaymentMetrics {

    final Counter purchases;
    final Counter refunds;
    final Counter disputes;
    final Counter disputeClosures;
    final Counter subscriptionRenewals;
    final Counter subscriptionEnds;
    final Counter duplicates;
    final Counter ignored;
    final Counter unreadable;
    final Counter rejected;

    PaymentMetrics(MeterRegistry registry) {
        purchases = folded(registry, "CreditsPurchased");
        refunds = folded(registry, "CreditsRefunded");
        disputes = folded(registry, "PurchaseDisputed");
        disputeClosures = folded(registry, "PurchaseDisputeClosed");
        subscriptionRenewals = folded(registry, "SubscriptionRenewed");
        subscriptionEnds = folded(registry, "SubscriptionEnded");
        duplicates = Counter.builder("ledger.payments.duplicates")
                .description("payment events skipped because their purchaseId/refundId/disputeId/invoiceId/subscriptionId"
                        + " was folded before")
                .register(registry);
        ignored = Counter.builder("ledger.payments.ignored")
                .description("subscription renewals with nothing to do: an invoice of a period before the current cycle,"
                        + " or of a subscription that ended")
                .register(registry);
        unreadable = Counter.builder("ledger.payments.unreadable")
                .description("records on the payment topic that are not a readable payment event; dead-lettered").register(registry);
        rejected = Counter.builder("ledger.payments.rejected")
                .description("payment events that break an account rule (e.g. refund of an unknown purchase, a dispute"
                        + " closed before it opened, a subscription to an unknown plan); dead-lettered")
                .register(registry);
    }

    private static Counter folded(MeterRegistry registry, String type) {
        return Counter.builder("ledger.payments.folded").tag("type", type)
                .description("payment events folded into accounts").register(registry);
    }
}
