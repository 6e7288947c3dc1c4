package io.creditgate.payment.refund;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.notice.Notice;
import io.creditgate.payment.notice.PaymentNotices;
import io.creditgate.payment.outbox.Outbox;
import io.creditgate.payment.purchase.Proportion;
import io.creditgate.payment.purchase.Purchase;
import io.creditgate.payment.purchase.PurchaseMetrics;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.PaymentNoticeKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes credits back for money refunded, from the running total: after a purchase's refunds reach {@code cumulative}
 * (Stripe's {@code amount_refunded}), the credits taken back in all are round(credits × cumulative / amount), and this
 * refund takes what is missing to reach that. Partial refunds therefore sum exactly to the purchase's credits when the
 * whole amount is refunded, whatever the rounding of each; a redelivered or stale event (the same or a lower total)
 * takes nothing.
 */
@Component
class RefundLedger {

    private final JdbcTemplate jdbc;
    private final Purchases purchases;
    private final Outbox outbox;
    private final PaymentNotices notices;
    private final PurchaseMetrics metrics;
    private final PaymentLinks links;

    RefundLedger(JdbcTemplate jdbc, Purchases purchases, Outbox outbox, PaymentNotices notices, PurchaseMetrics metrics,
            PaymentLinks links) {
        this.jdbc = jdbc;
        this.purchases = purchases;
        this.outbox = outbox;
        this.notices = notices;
        this.metrics = metrics;
        this.links = links;
    }

    /**
     * Records the refund that brings {@code purchase}'s refunded money to {@code cumulativeMinor}; empty when it
     * is there already. The caller holds the purchase's lock ({@link Purchases#lock}).
     *
     * @param refundId the refund's id, derived from what it refunds and {@code cumulativeMinor}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<RecordedRefund> refundUpTo(Purchase purchase, long cumulativeMinor, String refundId, String eventId,
            String reason, String requestedBy) {
        long cumulative = Math.min(cumulativeMinor, purchase.amountMinor());
        long previousMinor = purchases.refundedMinor(purchase.purchaseId());
        if (cumulative <= previousMinor) {
            return Optional.empty();
        }
        long target = Proportion.of(purchase.credits(), cumulative, purchase.amountMinor());
        long credits = Math.max(0, target - purchases.refundedCredits(purchase.purchaseId()));
        long refundedMinor = cumulative - previousMinor;
        int inserted = jdbc.update("insert into refund (refund_id, purchase_id, user_id, credits, amount_minor,"
                + " cumulative_refunded_minor, currency, reason, requested_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " on conflict (refund_id) do nothing", refundId, purchase.purchaseId(), purchase.userId(), credits,
                refundedMinor, cumulative, purchase.currency(), reason, requestedBy);
        if (inserted == 0) {
            return Optional.empty();
        }
        if (credits > 0) {
            // CreditsRefunded needs credits above zero: a refund of a few cents whose credits round to nothing is
            // recorded here, and the next refund's running total takes its share.
            outbox.append(Topics.PAYMENT_EVENTS, purchase.userId(), CreditsRefunded.newBuilder()
                    .setEventId(eventId)
                    .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                    .setUserId(purchase.userId())
                    .setPurchaseId(purchase.purchaseId())
                    .setRefundId(refundId)
                    .setAmountCredits(credits)
                    .setRefundedAmountMinor(refundedMinor)
                    .setCurrency(purchase.currency())
                    .build());
            metrics.refunded(purchase.method(), credits);
        }
        notices.raise(Notice.toUser("refunded-" + refundId, purchase.userId(), PaymentNoticeKind.REFUNDED,
                purchase.purchaseId(), refundedMinor, purchase.currency(), credits, links.buyPage(),
                reason == null ? "" : reason));
        return Optional.of(new RecordedRefund(refundId, purchase.purchaseId(), credits, refundedMinor, cumulative));
    }

    /** A refund recorded: credits taken back now, money refunded by it, money refunded in all. */
    record RecordedRefund(String refundId, String purchaseId, long credits, long amountMinor, long cumulativeMinor) {
    }
}
