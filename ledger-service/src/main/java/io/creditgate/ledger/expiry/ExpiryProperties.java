package io.creditgate.ledger.expiry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The grant expiry scheduler. Expiry is also applied lazily by every command that carries a later time,
 * so the interval only bounds how long an idle account shows credits that have expired.
 *
 * @param enabled run the scheduler on this node (env {@code CREDITGATE_EXPIRY_ENABLED})
 * @param interval pause between two runs
 * @param batchAccounts at most this many accounts per run; the next run continues
 */
@ConfigurationProperties("creditgate.expiry")
record ExpiryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("60s") Duration interval,
        @DefaultValue("1000") int batchAccounts) {

    ExpiryProperties {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("creditgate.expiry.interval must be positive");
        }
        if (batchAccounts < 1 || batchAccounts > 100_000) {
            throw new IllegalArgumentException("creditgate.expiry.batch-accounts must be 1 to 100000");
        }
    }
}
