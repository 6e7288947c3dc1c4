package io.creditgate.payment.topup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Auto top-up settings ({@code creditgate.payment.top-up}).
 *
 * @param consumerEnabled whether this instance reads {@code creditgate.account-events} (group {@code payment-top-up})
 * @param groupId the consumer group of all instances (they share the partitions; the claim in PostgreSQL keeps the
 *     moments when two of them hold one partition, during a rebalance, from charging twice)
 * @param offsetReset where a new consumer group starts: {@code latest} (a top-up reacts to balances that change now,
 *     never to the history the topic keeps forever) or {@code earliest} (tests)
 * @param maxEventAge a balance event older than this triggers nothing: after a consumer outage, a day-old low balance
 *     is no reason to charge a card today
 * @param maxFailuresInARow off-session charges in a row that may fail (declined or needing authentication) before
 *     auto top-up is switched off for the user
 * @param retryAfterFailure how long after a failed charge a new low balance may try again; a card declined now is
 *     declined a second later too, and Stripe's card networks frown on rapid retries
 * @param pendingRecoveryAfter a claimed top-up still pending this long (the instance died between the claim and
 *     Stripe's answer, or Stripe was unreachable) is sent to Stripe again with the same idempotency key
 * @param recoveryIntervalMs how often pending top-ups are looked for
 */
@ConfigurationProperties("creditgate.payment.top-up")
record TopUpProperties(
        @DefaultValue("true") boolean consumerEnabled,
        @DefaultValue("payment-top-up") String groupId,
        @DefaultValue("latest") String offsetReset,
        @DefaultValue("PT10M") Duration maxEventAge,
        @DefaultValue("3") int maxFailuresInARow,
        @DefaultValue("PT1H") Duration retryAfterFailure,
        @DefaultValue("PT2M") Duration pendingRecoveryAfter,
        @DefaultValue("30000") long recoveryIntervalMs) {

    TopUpProperties {
        if (maxFailuresInARow < 1) {
            throw new IllegalArgumentException("creditgate.payment.top-up.max-failures-in-a-row must be at least 1");
        }
        if (!offsetReset.equals("latest") && !offsetReset.equals("earliest")) {
            throw new IllegalArgumentException("creditgate.payment.top-up.offset-reset must be latest or earliest");
        }
    }
}
