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
 * @param invoiceId the paid invoice that started this cycle of a plan renewed by payment; null for a cycle the clock,
 *     an assignment or the opening started
 * @param subscriptionId the subscription of {@code invoiceId}; null with it
 */
public record AllowanceRenewed(String userId, String planId, Instant cycleStartedAt, Instant cycleEndsAt,
        long allowanceCredits, List<GrantBurn> forfeits, long rolledOverCredits, String grantId,
        long debtSettledCredits, AccountBalance after, String invoiceId, String subscriptionId) implements LedgerEvent {

    public AllowanceRenewed {
        forfeits = forfeits == null ? List.of() : List.copyOf(forfeits);
    }

    /** A cycle started by the clock, an assignment or the opening. */
    public AllowanceRenewed(String userId, String planId, Instant cycleStartedAt, Instant cycleEndsAt,
            long allowanceCredits, List<GrantBurn> forfeits, long rolledOverCredits, String grantId,
            long debtSettledCredits, AccountBalance after) {
        this(userId, planId, cycleStartedAt, cycleEndsAt, allowanceCredits, forfeits, rolledOverCredits, grantId,
                debtSettledCredits, after, null, null);
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
