package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.List;

/**
 * An admin corrected the balance. A positive adjustment is a promotional grant without expiry, id
 * {@code adjustmentId} (paying back an overshoot first); a negative one takes credits from the grants in
 * burn order ({@code burns}) and never below zero.
 *
 * @param amountCredits signed, never zero
 */
public record BalanceAdjusted(String userId, String adjustmentId, long amountCredits, String reason, String actor,
        Instant adjustedAt, List<GrantBurn> burns, long debtSettledCredits, AccountBalance after) implements LedgerEvent {

    public BalanceAdjusted {
        burns = burns == null ? List.of() : List.copyOf(burns);
    }

    @Override
    public Instant occurredAt() {
        return adjustedAt;
    }

    @Override
    public String changeType() {
        return "ADJUSTMENT";
    }
}
