package io.creditgate.ledger.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Meters of the payment intake; the names are the contract of the dashboards. */
@Component
class PaymentMetrics {

    final Counter purchases;
    final Counter refunds;
    final Counter duplicates;
    final Counter unreadable;
    final Counter rejected;

    PaymentMetrics(MeterRegistry registry) {
        purchases = Counter.builder("ledger.payments.folded").tag("type", "CreditsPurchased")
                .description("payment events folded into accounts").register(registry);
        refunds = Counter.builder("ledger.payments.folded").tag("type", "CreditsRefunded")
                .description("payment events folded into accounts").register(registry);
        duplicates = Counter.builder("ledger.payments.duplicates")
                .description("purchases and refunds skipped because their purchaseId/refundId was folded before")
                .register(registry);
        unreadable = Counter.builder("ledger.payments.unreadable")
                .description("records on the payment topic that are not a readable payment event; dead-lettered").register(registry);
        rejected = Counter.builder("ledger.payments.rejected")
                .description("payment events that break an account rule (e.g. refund of an unknown purchase); dead-lettered")
                .register(registry);
    }
}
