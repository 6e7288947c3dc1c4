package io.creditgate.ledger.account;

import java.time.Instant;

/**
 * One metered call charged to its user; {@code after} is the account's money once charged.
 *
 * @param eventId the {@code UsageRecorded} event id, which is also the gateway's pending-entry key in Redis
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
        AccountBalance after) {
}
