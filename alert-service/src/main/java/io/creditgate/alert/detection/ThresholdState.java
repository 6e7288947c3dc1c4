package io.creditgate.alert.detection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What the detector remembers per user.
 *
 * @param lastVersion the newest account version folded; older or equal ones are duplicates or stale
 * @param cycleStartedAt the cycle those thresholds fired in (epoch ms)
 * @param fired ids of the thresholds that fired in this cycle and have not been resolved
 */
record ThresholdState(long lastVersion, long cycleStartedAt, Set<String> fired) {

    private static final byte FORMAT = 1;

    ThresholdState {
        fired = Set.copyOf(fired);
    }

    static Serde<ThresholdState> serde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : state.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeLong(lastVersion);
            out.writeLong(cycleStartedAt);
            out.writeInt(fired.size());
            for (String id : new TreeSet<>(fired)) {
                out.writeUTF(id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static ThresholdState fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown threshold state format " + format);
            }
            long version = in.readLong();
            long cycle = in.readLong();
            int count = in.readInt();
            Set<String> fired = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                fired.add(in.readUTF());
            }
            return new ThresholdState(version, cycle, fired);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
