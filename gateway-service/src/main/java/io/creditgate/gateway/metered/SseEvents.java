package io.creditgate.gateway.metered;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a byte stream into server-sent events, each with its terminating blank line, without changing a
 * byte: what the client receives is exactly what the upstream sent. An event is released as soon as its
 * blank line arrives; only an unfinished event is held back. Not thread-safe (one per stream, fed in order).
 */
final class SseEvents {

    private final int maxEventBytes;
    private byte[] pending = new byte[0];
    private int pendingLength;
    private int scanFrom;

    SseEvents(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Adds bytes; returns the events they completed, in order (often none or one). */
    List<byte[]> feed(byte[] bytes) {
        append(bytes);
        List<byte[]> events = new ArrayList<>(1);
        int start = 0;
        int i = Math.max(scanFrom, 0);
        while (i < pendingLength) {
            int end = eventEnd(i);
            if (end < 0) {
                i++;
                continue;
            }
            events.add(Arrays.copyOfRange(pending, start, end));
            start = end;
            i = end;
        }
        compact(start);
        if (pendingLength > maxEventBytes) {
            throw new IllegalStateException("an upstream event is longer than " + maxEventBytes + " bytes");
        }
        return events;
    }

    /** The bytes of an unfinished last event, if the stream ended without its blank line. */
    byte[] remainder() {
        byte[] rest = Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        scanFrom = 0;
        return rest;
    }

    /** If an event ends at {@code i} (LF LF, CR LF CR LF, or CR CR), the index after it; else -1. */
    private int eventEnd(int i) {
        byte b = pending[i];
        if (b == '\n' && i + 1 < pendingLength && pending[i + 1] == '\n') {
            return i + 2;
        }
        if (b == '\r' && i + 3 < pendingLength && pending[i + 1] == '\n' && pending[i + 2] == '\r'
                && pending[i + 3] == '\n') {
            return i + 4;
        }
        if (b == '\r' && i + 1 < pendingLength && pending[i + 1] == '\r') {
            return i + 2;
        }
        return -1;
    }

    private void append(byte[] bytes) {
        if (pendingLength + bytes.length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + bytes.length));
        }
        System.arraycopy(bytes, 0, pending, pendingLength, bytes.length);
        pendingLength += bytes.length;
    }

    private void compact(int consumed) {
        if (consumed > 0) {
            System.arraycopy(pending, consumed, pending, 0, pendingLength - consumed);
            pendingLength -= consumed;
        }
        // A delimiter may straddle two reads: rescan the last three bytes next time.
        scanFrom = Math.max(0, pendingLength - 3);
    }
}
