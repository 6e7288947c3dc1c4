package io.creditgate.payment.customer;

import java.util.Optional;

import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * One Stripe Customer per Creditgate user, and the card the user saved. A user's card and subscriptions hang on one
 * customer, so the customer is created once: the idempotency key is derived from the user id (two requests racing
 * to create it get the same customer from Stripe) and the mapping is written with {@code ON CONFLICT DO NOTHING}.
 */
@Component
public class StripeCustomers {

    private final JdbcTemplate jdbc;
    private final StripeAccess stripe;

    StripeCustomers(JdbcTemplate jdbc, StripeAccess stripe) {
        this.jdbc = jdbc;
        this.stripe = stripe;
    }

    /** The user's customer id, created at Stripe on first use. */
    public String customerFor(String userId) {
        Optional<String> known = find(userId);
        if (known.isPresent()) {
            return known.get();
        }
        Customer customer = StripeCallFailedException.call("creating the Stripe customer of " + userId,
                () -> stripe.client().v1().customers().create(CustomerCreateParams.builder()
                        .setDescription("Creditgate account " + userId)
                        .putMetadata("userId", userId).build(),
                        RequestOptions.builder().setIdempotencyKey("customer:" + userId).build()));
        jdbc.update("INSERT INTO stripe_customer (user_id, customer_id) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING",
                userId, customer.getId());
        return find(userId).orElseThrow();
    }

    /** The user's customer id, when one was created. */
    public Optional<String> find(String userId) {
        return jdbc.query("SELECT customer_id FROM stripe_customer WHERE user_id = ?",
                (row, n) -> row.getString(1), userId).stream().findFirst();
    }

    /** The user whose customer this is, when it is one of ours. */
    public Optional<String> userOf(String customerId) {
        return jdbc.query("SELECT user_id FROM stripe_customer WHERE customer_id = ?",
                (row, n) -> row.getString(1), customerId).stream().findFirst();
    }

    /** The card the user saved last, if any. */
    public Optional<SavedCard> savedCard(String userId) {
        return jdbc.query("SELECT customer_id, payment_method_id, brand, last4 FROM saved_card WHERE user_id = ?",
                (row, n) -> new SavedCard(row.getString(1), row.getString(2), row.getString(3), row.getString(4)),
                userId).stream().findFirst();
    }

    /**
     * Saves (or replaces) the user's card, saved by the SetupIntent {@code setupIntentId}. A SetupIntent seen again
     * (Stripe redelivers) changes nothing.
     *
     * @return true when the card was saved now
     */
    public boolean saveCard(String userId, SavedCard card, String setupIntentId) {
        return jdbc.update("""
                INSERT INTO saved_card (user_id, customer_id, payment_method_id, brand, last4, setup_intent_id)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET customer_id = excluded.customer_id,
                    payment_method_id = excluded.payment_method_id, brand = excluded.brand, last4 = excluded.last4,
                    setup_intent_id = excluded.setup_intent_id, saved_at = now()
                WHERE saved_card.setup_intent_id <> excluded.setup_intent_id
                """, userId, card.customerId(), card.paymentMethodId(), card.brand(), card.last4(), setupIntentId) == 1;
    }
}
