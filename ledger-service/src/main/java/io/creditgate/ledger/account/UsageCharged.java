package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.List;

/**
 * One metered call charged to its user; {@code after} is the account's money once charged.
 *
 * @param eventId the {@code UsageRecorded} event id, which is also the gateway's pending-entry key in Redis
 * @param burns the credits taken from each grant, in burn order; what they do not cover is an overshoot
 */
public record UsageCharged(
        String userId,
        String eventId,
        String requestId,
        String model,
        String endpoint,
        TokenCounts tokens,
        long costCredits,
        String usageSource,
        Instant occurredAt,
        List<GrantBurn> burns,
        AccountBalance after) implements LedgerEvent {

    public UsageCharged {
        burns = burns == null ? List.of() : List.copyOf(burns);
    }

    @Override
    public String changeType() {
        return "USAGE";
    }

    @Override
    public long amountCredits() {
        return -costCredits;
    }
}
