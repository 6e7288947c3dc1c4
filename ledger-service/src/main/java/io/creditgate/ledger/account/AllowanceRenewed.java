package io.creditgate.ledger.account;

import java.time.Instant;
import java.util.List;

/**
 * A cycle of the account's plan began: at a calendar boundary (renewal), at the plan's assignment, or at the
 * opening of an account whose default plan has an allowance. The unspent allowance of the cycle before is taken
 * out ({@code forfeits}: every open allowance grant, whole, in burn order); up to the plan's rollover cap of it
 * ({@code rolledOverCredits}) comes back in the new allowance grant ({@code grantId}, amount
 * {@code allowanceCredits + rolledOverCredits}, of which {@code debtSettledCredits} pays back an overshoot first).
 * The new cycle's credits are the balance after it and its spent credits are zero.
 *
 * @param cycleEndsAt when this cycle renews; null when the plan never renews
 * @param grantId {@code allowance:<cycle start in epoch ms>}; null when the new grant would be empty
 */
public record AllowanceRenewed(String userId, String planId, Instant cycleStartedAt, Instant cycleEndsAt,
        long allowanceCredits, List<GrantBurn> forfeits, long rolledOverCredits, String grantId,
        long debtSettledCredits, AccountBalance after) implements LedgerEvent {

    public AllowanceRenewed {
        forfeits = forfeits == null ? List.of() : List.copyOf(forfeits);
    }

    /** The unspent allowance that left the account (what was not rolled over). */
    public long forfeitedCredits() {
        long taken = 0;
        for (GrantBurn forfeit : forfeits) {
            taken += forfeit.credits();
        }
        return taken - rolledOverCredits;
    }

    @Override
    public Instant occurredAt() {
        return cycleStartedAt;
    }

    @Override
    public String changeType() {
        return "RENEWAL";
    }

    @Override
    public long amountCredits() {
        return allowanceCredits - forfeitedCredits();
    }
}
