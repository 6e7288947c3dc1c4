package io.creditgate.ledger.query;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An account as the API shows it; amounts in credits (1 credit = 1 micro-USD).
 *
 * @param spendableCredits what the user may still spend: the balance, lowered to the cycle cap's remainder
 * @param cycleCapCredits an admin's hard cap on usage per cycle; absent when none
 * @param status ACTIVE, EXHAUSTED (nothing spendable) or BLOCKED (by an admin)
 * @param utilisationBasisPoints spentCycleCredits / cycleCredits in basis points (10,000 = 100 %), rounded down
 * @param version the account's sequence number after its last change (the same number the Redis
 *     projection stores as {@code version})
 * @param planId the user's plan
 * @param cycleStartedAt when the current cycle began (last renewal or plan assignment, else the opening)
 * @param cycleEndsAt when the current cycle renews; absent when the plan never renews
 * @param grants the grants that still hold credits, in burn order (first burnt first)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(
        String userId,
        long balanceCredits,
        long cycleCredits,
        long spentCycleCredits,
        long utilisationBasisPoints,
        long spendableCredits,
        Long cycleCapCredits,
        String status,
        long version,
        String planId,
        Instant cycleStartedAt,
        Instant cycleEndsAt,
        Instant openedAt,
        Instant updatedAt,
        List<GrantView> grants) {
}
