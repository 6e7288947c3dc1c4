package io.creditgate.payment.purchase;

import java.math.BigInteger;

/** Credits in proportion to money, rounded half up, exact for any size (credits × money overflows a long). */
public final class Proportion {

    private Proportion() {
    }

    /** round(credits × part / whole); {@code credits} itself when part = whole. */
    public static long of(long credits, long part, long whole) {
        if (whole <= 0) {
            throw new IllegalArgumentException("the whole amount must be above zero");
        }
        BigInteger numerator = BigInteger.valueOf(credits).multiply(BigInteger.valueOf(part)).shiftLeft(1)
                .add(BigInteger.valueOf(whole));
        return numerator.divide(BigInteger.valueOf(whole).shiftLeft(1)).longValueExact();
    }
}
