package io.creditgate.gateway.balance;

import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.admission.CreditStanding;

/**
 * The headers that tell a client what a metered call cost and what is left:
 * <ul>
 *   <li>{@code X-Creditgate-Cost}: credits charged, where known when the answer starts (non-streaming calls
 *       and upstream errors);</li>
 *   <li>{@code X-Creditgate-Reserved}: on streams, whose cost is known only at their end, the credits
 *       reserved for the call (the most it can cost);</li>
 *   <li>{@code X-Creditgate-Balance}: credits available after the call, best known value (on streams:
 *       with the reservation still held, so the final balance is at least this);</li>
 *   <li>{@code X-Creditgate-Warning}: once the share of the cycle's credits used reaches
 *       {@code warning-percent} (80 %). Used = what the ledger has folded in the cycle
 *       ({@code spentCycleCredits}) plus what is pending and not yet folded (this call's cost included).</li>
 * </ul>
 * Balance and warning need the user's standing; when Redis could not tell it, they are left out, and so is
 * the warning when the ledger has not written the cycle's fields.
 */
@Component
public class CreditHeaders {

    public static final String COST = "X-Creditgate-Cost";
    public static final String RESERVED = "X-Creditgate-Reserved";
    public static final String BALANCE = "X-Creditgate-Balance";
    public static final String WARNING = "X-Creditgate-Warning";

    private final int warningPercent;

    CreditHeaders(CreditHeadersProperties properties) {
        this.warningPercent = properties.warningPercent();
    }

    /**
     * Headers of a call whose cost is known.
     *
     * @param standing the user's standing read after admission (this call's reservation included), if known
     * @param reservedCredits what admission reserved for the call
     * @param costCredits what the call was charged
     */
    public void afterCall(HttpHeaders headers, Optional<CreditStanding> standing, long reservedCredits,
                          long costCredits) {
        headers.set(COST, Long.toString(costCredits));
        standing.ifPresent(s -> {
            // The reservation (part of the pending read) is replaced by the cost when the call settles.
            long unsettled = reservedCredits - costCredits;
            headers.set(BALANCE, Long.toString(s.availableCredits() + unsettled));
            warnIfMostlyUsed(headers, s, s.pendingCredits() - unsettled);
        });
    }

    /** Headers at the start of a stream: the reservation, and the balance with it held. */
    public void duringStream(HttpHeaders headers, Optional<CreditStanding> standing, long reservedCredits) {
        headers.set(RESERVED, Long.toString(reservedCredits));
        standing.ifPresent(s -> {
            headers.set(BALANCE, Long.toString(s.availableCredits()));
            // The warning looks at what was used before this call: a large reservation is not yet spending.
            warnIfMostlyUsed(headers, s, s.pendingCredits() - reservedCredits);
        });
    }

    /**
     * @param unfoldedCredits the user's pending credits that count as used: costs charged but not yet folded
     *     (a reservation in flight is not spending yet, so callers leave this call's out or count its cost)
     */
    private void warnIfMostlyUsed(HttpHeaders headers, CreditStanding standing, long unfoldedCredits) {
        if (!standing.knowsCycle()) {
            return;
        }
        long cycle = standing.cycleCredits();
        long used = standing.spentCycleCredits() + Math.max(unfoldedCredits, 0);
        if (used * 100 >= (long) warningPercent * cycle) {
            long percent = Math.min(used * 100 / cycle, 100);
            headers.set(WARNING, percent + "% of this cycle's credits are used; " + Math.max(cycle - used, 0)
                    + " of " + cycle + " credits left.");
        }
    }
}
