package io.creditgate.payment.purchase;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.creditgate.payment.outbox.Outbox;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The purchase records, and the one way a purchase happens: {@link #record} inserts the row keyed by its purchaseId
 * and, only if that insert created it, appends {@code CreditsPurchased} to the outbox in the same transaction. Two
 * webhooks about one session, racing or years apart, credit once: the second insert waits for the first's commit and
 * then finds the key taken.
 */
@Component
public class Purchases {

    static final String COLUMNS = "purchase_id, user_id, method, credits, amount_minor, currency, reference, manual_method,"
            + " payment_intent_id, charge_id, receipt_url, pack_id, note, recorded_by, created_at";
    public static final RowMapper<Purchase> ROWS = Purchases::map;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final PurchaseMetrics metrics;

    Purchases(JdbcTemplate jdbc, Outbox outbox, PurchaseMetrics metrics) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** Records the purchase and announces it; false (and nothing done) when its purchaseId is recorded already. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(NewPurchase purchase) {
        int inserted = jdbc.update("insert into purchase (purchase_id, user_id, method, credits, amount_minor, currency,"
                + " reference, manual_method, payment_intent_id, charge_id, receipt_url, pack_id, note, recorded_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                purchase.purchaseId(), purchase.userId(), purchase.method(), purchase.credits(), purchase.amountMinor(),
                purchase.currency(), purchase.reference(), purchase.manualMethod(), purchase.paymentIntentId(),
                purchase.chargeId(), purchase.receiptUrl(), purchase.packId(), purchase.note(), purchase.recordedBy());
        if (inserted == 0) {
            return false;
        }
        outbox.append(Topics.PAYMENT_EVENTS, purchase.userId(), CreditsPurchased.newBuilder()
                .setEventId(purchase.eventId())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setUserId(purchase.userId())
                .setPurchaseId(purchase.purchaseId())
                .setAmountCredits(purchase.credits())
                .setPaidAmountMinor(purchase.amountMinor())
                .setCurrency(purchase.currency())
                .setMethod(purchase.method())
                .setReference(purchase.reference())
                .build());
        metrics.purchased(purchase.method(), purchase.credits());
        return true;
    }

    public Optional<Purchase> find(String purchaseId) {
        return jdbc.query("select " + COLUMNS + " from purchase where purchase_id = ?", ROWS, purchaseId).stream().findFirst();
    }

    /** The purchase, locked until the caller's transaction ends: refunds and disputes of one purchase take turns. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Purchase> lock(String purchaseId) {
        return jdbc.query("select " + COLUMNS + " from purchase where purchase_id = ? for update", ROWS, purchaseId)
                .stream().findFirst();
    }

    /** The purchase a Stripe charge paid for (by the charge, else by its PaymentIntent), locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Purchase> lockByCharge(String chargeId, String paymentIntentId) {
        List<Purchase> found = jdbc.query("select " + COLUMNS + " from purchase where charge_id = ?"
                + " or (payment_intent_id is not null and payment_intent_id = ?) order by created_at limit 1 for update",
                ROWS, chargeId, paymentIntentId);
        return found.stream().findFirst();
    }

    /** Credits already taken back from a purchase by refunds. */
    public long refundedCredits(String purchaseId) {
        Long sum = jdbc.queryForObject("select coalesce(sum(credits), 0) from refund where purchase_id = ?", Long.class,
                purchaseId);
        return sum != null ? sum : 0;
    }

    /** Money already given back for a purchase (what its refunds recorded). */
    public long refundedMinor(String purchaseId) {
        Long sum = jdbc.queryForObject("select coalesce(max(cumulative_refunded_minor), 0) from refund where purchase_id = ?",
                Long.class, purchaseId);
        return sum != null ? sum : 0;
    }

    private static Purchase map(ResultSet rs, int row) throws SQLException {
        return new Purchase(rs.getString("purchase_id"), rs.getString("user_id"), rs.getString("method"),
                rs.getLong("credits"), rs.getLong("amount_minor"), rs.getString("currency"), rs.getString("reference"),
                rs.getString("manual_method"), rs.getString("payment_intent_id"), rs.getString("charge_id"),
                rs.getString("receipt_url"), rs.getString("pack_id"), rs.getString("note"), rs.getString("recorded_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
