package io.creditgate.ledger.account;

import java.util.List;

/** Credits a usage, negative adjustment, refund or lost dispute took from one grant. */
public record GrantBurn(String grantId, long credits) {

    /** The credits of all {@code burns} together. */
    public static long total(List<GrantBurn> burns) {
        long total = 0;
        for (GrantBurn burn : burns) {
            total = Math.addExact(total, burn.credits());
        }
        return total;
    }
}
