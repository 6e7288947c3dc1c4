package io.creditgate.ledger.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of the admin's accounts grid; amounts in credits (1 credit = 1 micro-USD).
 *
 * @param spendableCredits what the user may still spend: the balance, lowered to the cycle cap's remainder
 * @param cycleCapCredits an admin's hard cap on usage per cycle; absent when none
 * @param status ACTIVE, EXHAUSTED or BLOCKED
 * @param cycleEndsAt when the current cycle renews; absent when the plan never renews
 * @param updatedAt the time of the account's last event
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountListItem(String userId, long balanceCredits, long spendableCredits, long cycleCredits,
        long spentCycleCredits, Long cycleCapCredits, String status, String planId, Instant cycleEndsAt,
        Instant updatedAt) {
}
