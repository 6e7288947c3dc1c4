package io.creditgate.gateway.chat;

import java.util.concurrent.atomic.AtomicBoolean;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.GeneratedText;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.schemas.event.CallOutcome;

/**
 * One admitted call on its way through the upstream: what is known of its usage so far, and the guarantee
 * that it ends exactly once, either recorded (one UsageRecorded) or abandoned (reservation released, no
 * event) when the upstream was never reached. Completion, error and cancellation may race; the first wins.
 */
final class MeteredCall {

    final UserId user;
    final String model;
    final ModelPrice price;
    final boolean stream;
    final String requestId;
    final String eventId;
    final long promptTokensEstimated;
    final GeneratedText generated = new GeneratedText();

    private final UsageRecording recording;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile long forwardedNanos;
    private volatile TokenUsage reported;
    private volatile boolean upstreamRefused;

    MeteredCall(UsageRecording recording, UserId user, String model, ModelPrice price, boolean stream,
                String requestId, String eventId, long promptTokensEstimated) {
        this.recording = recording;
        this.user = user;
        this.model = model;
        this.price = price;
        this.stream = stream;
        this.requestId = requestId;
        this.eventId = eventId;
        this.promptTokensEstimated = promptTokensEstimated;
    }

    void forwarded() {
        forwardedNanos = System.nanoTime();
    }

    long forwardedNanos() {
        return forwardedNanos;
    }

    /** The upstream reported its usage (EXACT). */
    void reported(TokenUsage usage) {
        reported = usage;
    }

    /** The upstream answered with an error status: it did no billable work. */
    void upstreamRefused() {
        upstreamRefused = true;
    }

    /** What the call consumed: the upstream's usage when it reported some, else the gateway's count. */
    TokenUsage usage(TokenCounter counter) {
        if (upstreamRefused) {
            return TokenUsage.none();
        }
        TokenUsage exact = reported;
        if (exact != null) {
            return exact;
        }
        return TokenUsage.estimated(promptTokensEstimated, counter.countCompletion(model, generated.text()));
    }

    /** Records the call once; later calls (a cancel racing a completion) do nothing. */
    void end(CallOutcome outcome) {
        if (ended.compareAndSet(false, true)) {
            recording.record(this, outcome);
        }
    }

    /** Releases the reservation of a call that never reached the upstream; no event. */
    void abandon() {
        if (ended.compareAndSet(false, true)) {
            recording.abandon(this);
        }
    }
}
