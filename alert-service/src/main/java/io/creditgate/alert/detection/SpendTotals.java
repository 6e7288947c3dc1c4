package io.creditgate.alert.detection;

import java.nio.ByteBuffer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Credits and calls of one spend window. */
record SpendTotals(long spentCredits, long calls) {

    static final SpendTotals NONE = new SpendTotals(0, 0);

    SpendTotals plus(long costCredits) {
        return new SpendTotals(Math.addExact(spentCredits, costCredits), calls + 1);
    }

    static Serde<SpendTotals> serde() {
        return Serdes.serdeFrom(
                (topic, totals) -> totals == null ? null
                        : ByteBuffer.allocate(16).putLong(totals.spentCredits).putLong(totals.calls).array(),
                (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    return new SpendTotals(buffer.getLong(), buffer.getLong());
                });
    }
}
