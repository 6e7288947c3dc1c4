package io.creditgate.payment.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The subscription tables. Callers hold the transaction. */
@Component
class SubscriptionStore {

    /** A subscription as Creditgate knows it. {@code status} is Stripe's ({@code active}, {@code canceled}, …). */
    record Subscription(String subscriptionId, String userId, String offerId, String planId, String customerId,
                        String status, Instant currentPeriodStart, Instant currentPeriodEnd,
                        boolean cancelAtPeriodEnd, Instant endedAt) {
    }

    private final JdbcTemplate jdbc;

    SubscriptionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a paid invoice, once.
     *
     * @return true when it was not recorded before (the renewal is due now)
     */
    boolean recordPaidInvoice(String invoiceId, String subscriptionId, String userId, String planId, Instant periodStart,
                              Instant periodEnd, long paidAmountMinor, String currency) {
        return jdbc.update("""
                INSERT INTO subscription_invoice (invoice_id, subscription_id, user_id, plan_id, period_start, period_end,
                    paid_amount_minor, currency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (invoice_id) DO NOTHING
                """, invoiceId, subscriptionId, userId, planId, Timestamp.from(periodStart), Timestamp.from(periodEnd),
                paidAmountMinor, currency) == 1;
    }

    /** Creates or refreshes the subscription's row from what Stripe says now; an ended one stays ended. */
    void upsert(String subscriptionId, String userId, String offerId, String planId, String customerId, String status,
                Instant periodStart, Instant periodEnd, boolean cancelAtPeriodEnd) {
        jdbc.update("""
                INSERT INTO subscription (subscription_id, user_id, offer_id, plan_id, customer_id, status,
                    current_period_start, current_period_end, cancel_at_period_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (subscription_id) DO UPDATE SET status = excluded.status,
                    current_period_start = excluded.current_period_start,
                    current_period_end = excluded.current_period_end,
                    cancel_at_period_end = excluded.cancel_at_period_end, updated_at = now()
                WHERE subscription.ended_at IS NULL
                """, subscriptionId, userId, offerId, planId, customerId, status, timestamp(periodStart),
                timestamp(periodEnd), cancelAtPeriodEnd);
    }

    /**
     * Marks the subscription ended, once (its row is created if the service never saw it paid).
     *
     * @return true when this call ended it (SubscriptionEnded is due now)
     */
    boolean end(String subscriptionId, String userId, String offerId, String planId, String customerId) {
        return jdbc.update("""
                INSERT INTO subscription (subscription_id, user_id, offer_id, plan_id, customer_id, status, ended_at)
                VALUES (?, ?, ?, ?, ?, 'canceled', now())
                ON CONFLICT (subscription_id) DO UPDATE SET status = 'canceled', ended_at = now(), updated_at = now()
                WHERE subscription.ended_at IS NULL
                """, subscriptionId, userId, offerId, planId, customerId) == 1;
    }

    void markCancelAtPeriodEnd(String subscriptionId, boolean cancelAtPeriodEnd) {
        jdbc.update("UPDATE subscription SET cancel_at_period_end = ?, updated_at = now() WHERE subscription_id = ?",
                cancelAtPeriodEnd, subscriptionId);
    }

    /** The user's subscription that has not ended, else the one that ended last. */
    Optional<Subscription> current(String userId) {
        return jdbc.query("""
                SELECT * FROM subscription WHERE user_id = ?
                ORDER BY ended_at IS NULL DESC, COALESCE(ended_at, updated_at) DESC LIMIT 1
                """, SubscriptionStore::subscription, userId).stream().findFirst();
    }

    private static Subscription subscription(ResultSet row, int n) throws SQLException {
        return new Subscription(row.getString("subscription_id"), row.getString("user_id"), row.getString("offer_id"),
                row.getString("plan_id"), row.getString("customer_id"), row.getString("status"),
                instant(row.getTimestamp("current_period_start")), instant(row.getTimestamp("current_period_end")),
                row.getBoolean("cancel_at_period_end"), instant(row.getTimestamp("ended_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
