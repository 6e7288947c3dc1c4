package io.creditgate.gateway.metrics;

import reactor.util.context.ContextView;

/**
 * When one exchange reached the gateway and how long its upstream call took, so that the gateway's own
 * share of the time (the added latency) can be measured. Travels in the Reactor context of the exchange,
 * put there by {@link AddedLatency}; the upstream client marks the start and end of its call.
 */
public final class CallTiming {

    private final long arrivedNanos;
    private volatile long upstreamStartNanos;
    private volatile long upstreamEndNanos;
    private volatile boolean stream;

    CallTiming(long arrivedNanos) {
        this.arrivedNanos = arrivedNanos;
    }

    /** The timing of the exchange whose context this is, or null outside an exchange (e.g. in a unit test). */
    public static CallTiming of(ContextView context) {
        return context.getOrDefault(CallTiming.class, null);
    }

    /** The request left for the upstream. */
    public void upstreamStarted() {
        upstreamStartNanos = System.nanoTime();
    }

    /** The upstream's answer ended (its last byte, or its failure). */
    public void upstreamEnded(boolean streamed) {
        stream = streamed;
        upstreamEndNanos = System.nanoTime();
    }

    long arrivedNanos() {
        return arrivedNanos;
    }

    /** The upstream's share, or -1 when no upstream call finished within this exchange. */
    long upstreamNanos() {
        long start = upstreamStartNanos;
        long end = upstreamEndNanos;
        return start == 0 || end == 0 ? -1 : end - start;
    }

    boolean stream() {
        return stream;
    }
}
