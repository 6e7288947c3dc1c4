package io.creditgate.payment.dispute;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

import com.stripe.model.Dispute;
import com.stripe.model.Event;
import io.creditgate.payment.notice.Notice;
import io.creditgate.payment.notice.PaymentNotices;
import io.creditgate.payment.outbox.Outbox;
import io.creditgate.payment.purchase.Proportion;
import io.creditgate.payment.purchase.Purchase;
import io.creditgate.payment.purchase.PurchaseMetrics;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.DisputeOutcome;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PurchaseDisputeClosed;
import io.creditgate.schemas.event.PurchaseDisputed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Disputes of a purchase's charge. {@code charge.dispute.created}: {@code PurchaseDisputed} for the credits the
 * disputed money corresponds to (the ledger holds that much of the purchase's unspent credits) and admins and finance
 * are told. {@code charge.dispute.closed}: {@code PurchaseDisputeClosed} WON ({@code won}, {@code warning_closed}) or
 * LOST ({@code lost}); the ledger releases or takes the held credits. Each is once per dispute id; a {@code closed}
 * that overtakes its {@code created} opens the dispute first, so the ledger always sees them in order.
 */
@Component
class DisputeHandler implements StripeEventHandler {

    static final String CREATED = "charge.dispute.created";
    static final String CLOSED = "charge.dispute.closed";
    private static final Logger log = LoggerFactory.getLogger(DisputeHandler.class);

    private final StripeAccess stripe;
    private final Purchases purchases;
    private final Outbox outbox;
    private final PaymentNotices notices;
    private final PurchaseMetrics metrics;
    private final JdbcTemplate jdbc;

    DisputeHandler(StripeAccess stripe, Purchases purchases, Outbox outbox, PaymentNotices notices,
            PurchaseMetrics metrics, JdbcTemplate jdbc) {
        this.stripe = stripe;
        this.purchases = purchases;
        this.outbox = outbox;
        this.notices = notices;
        this.metrics = metrics;
        this.jdbc = jdbc;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(CREATED, CLOSED);
    }

    @Override
    public void handle(Event event) {
        String disputeId = StripeEvents.objectId(event);
        Dispute dispute = StripeCallFailedException.call("retrieving dispute " + disputeId,
                () -> stripe.client().v1().disputes().retrieve(disputeId));
        Optional<Purchase> found = purchases.lockByCharge(dispute.getCharge(), dispute.getPaymentIntent());
        if (found.isEmpty()) {
            metrics.refused("unknown_charge");
            log.warn("{} for charge {} that paid no purchase recorded here: ignored", event.getType(), dispute.getCharge());
            return;
        }
        Purchase purchase = found.get();
        opened(event, dispute, purchase);
        if (CLOSED.equals(event.getType())) {
            closed(event, dispute, purchase);
        }
    }

    private void opened(Event event, Dispute dispute, Purchase purchase) {
        long amount = dispute.getAmount() == null ? purchase.amountMinor() : dispute.getAmount();
        long credits = Math.min(purchase.credits(), Proportion.of(purchase.credits(), amount, purchase.amountMinor()));
        int inserted = jdbc.update("insert into dispute (dispute_id, purchase_id, user_id, credits, amount_minor, currency,"
                + " reason, status) values (?, ?, ?, ?, ?, ?, ?, 'open') on conflict (dispute_id) do nothing",
                dispute.getId(), purchase.purchaseId(), purchase.userId(), credits, amount, purchase.currency(),
                dispute.getReason());
        if (inserted == 0) {
            return;
        }
        if (credits > 0) {
            outbox.append(Topics.PAYMENT_EVENTS, purchase.userId(), PurchaseDisputed.newBuilder()
                    .setEventId(event.getId() + ":opened")
                    .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                    .setUserId(purchase.userId())
                    .setPurchaseId(purchase.purchaseId())
                    .setDisputeId(dispute.getId())
                    .setAmountCredits(credits)
                    .setDisputedAmountMinor(amount)
                    .setCurrency(purchase.currency())
                    .build());
        }
        notices.raise(Notice.toStaff("dispute-opened-" + dispute.getId(), purchase.userId(),
                PaymentNoticeKind.DISPUTE_OPENED, dispute.getId(), amount, purchase.currency(), credits,
                "Purchase " + purchase.purchaseId() + " disputed" + (dispute.getReason() != null ? " (" + dispute.getReason()
                        + ")" : "") + "; respond in Stripe's dashboard"));
        metrics.dispute("opened");
        log.warn("Dispute {} opened on purchase {} of {}: {} credits held", dispute.getId(), purchase.purchaseId(),
                purchase.userId(), credits);
    }

    private void closed(Event event, Dispute dispute, Purchase purchase) {
        DisputeOutcome outcome = switch (String.valueOf(dispute.getStatus())) {
            case "won", "warning_closed" -> DisputeOutcome.WON;
            case "lost" -> DisputeOutcome.LOST;
            default -> null;
        };
        if (outcome == null) {
            // Retrieved after the event, the dispute says it is not closed: Stripe's latest word wins; nothing yet.
            log.warn("{} for dispute {} whose status is {}: not closed yet, nothing done", event.getType(),
                    dispute.getId(), dispute.getStatus());
            return;
        }
        int updated = jdbc.update("update dispute set status = ?, closed_at = now() where dispute_id = ? and status = 'open'",
                outcome == DisputeOutcome.WON ? "won" : "lost", dispute.getId());
        if (updated == 0) {
            return;
        }
        Long credits = jdbc.queryForObject("select credits from dispute where dispute_id = ?", Long.class, dispute.getId());
        if (credits != null && credits > 0) {
            outbox.append(Topics.PAYMENT_EVENTS, purchase.userId(), PurchaseDisputeClosed.newBuilder()
                    .setEventId(event.getId() + ":closed")
                    .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                    .setUserId(purchase.userId())
                    .setPurchaseId(purchase.purchaseId())
                    .setDisputeId(dispute.getId())
                    .setOutcome(outcome)
                    .build());
        }
        notices.raise(Notice.toStaff("dispute-closed-" + dispute.getId(), purchase.userId(),
                PaymentNoticeKind.DISPUTE_CLOSED, dispute.getId(), dispute.getAmount() == null ? 0 : dispute.getAmount(),
                purchase.currency(), credits == null ? 0 : credits,
                "Dispute on purchase " + purchase.purchaseId() + " closed: " + outcome.name().toLowerCase()));
        metrics.dispute(outcome.name().toLowerCase());
    }
}
