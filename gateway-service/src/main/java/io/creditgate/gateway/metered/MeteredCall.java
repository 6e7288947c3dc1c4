package io.creditgate.gateway.metered;

import java.util.concurrent.atomic.AtomicBoolean;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metering.GeneratedText;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.pricing.ModelPrice;
import io.creditgate.gateway.pricing.PricedModel;
import io.creditgate.schemas.event.CallOutcome;

/**
 * One admitted call on its way through the upstream: what is known of its usage so far, and the guarantee
 * that it ends exactly once, either recorded (one UsageRecorded) or abandoned (reservation released, no
 * event) when the upstream was never reached. Completion, error and cancellation may race; the first wins.
 */
final class MeteredCall {

    final String endpoint;
    final UserId user;
    final String model;
    /** The price the call is charged at, fixed when it was admitted: a change during the call does not touch it. */
    final PricedModel priced;
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
    private volatile TokenUsage reportedInput;
    private volatile boolean upstreamRefused;
    private volatile boolean upstreamReportedError;
    private volatile Long costCredits;

    MeteredCall(UsageRecording recording, String endpoint, UserId user, String model, PricedModel priced, boolean stream,
                String requestId, String eventId, long promptTokensEstimated) {
        this.recording = recording;
        this.endpoint = endpoint;
        this.user = user;
        this.model = model;
        this.priced = priced;
        this.price = priced.price();
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

    /**
     * The upstream reported its whole usage (EXACT). The generated text is then never counted, so it stops
     * being kept: what the APIs add after this costs nothing.
     */
    void reported(TokenUsage usage) {
        reported = usage;
        generated.discard();
    }

    /** Like {@link #reported}, for parsers that found no usage (null leaves what is known). */
    void reportedOrNull(TokenUsage usage) {
        if (usage != null) {
            reported(usage);
        }
    }

    /**
     * The upstream reported the input of a call whose output is still to come (Anthropic's
     * {@code message_start}): if the call ends before the final usage, the input is exact and the output counted.
     */
    void reportedInput(TokenUsage input) {
        reportedInput = input;
    }

    /** The input reported so far, or null. */
    TokenUsage reportedInput() {
        return reportedInput;
    }

    /** The upstream answered with an error status: it did no billable work. */
    void upstreamRefused() {
        upstreamRefused = true;
    }

    /** The upstream reported an error inside a 200 stream. */
    void upstreamReportedError() {
        upstreamReportedError = true;
    }

    boolean upstreamErrored() {
        return upstreamReportedError;
    }

    /** What the call consumed: the upstream's usage when it reported it, else the gateway's count. */
    TokenUsage usage(TokenCounter counter) {
        if (upstreamRefused) {
            return TokenUsage.none();
        }
        TokenUsage exact = reported;
        if (exact != null) {
            return exact;
        }
        long completion = counter.countCompletion(model, generated.parts());
        TokenUsage input = reportedInput;
        return input != null ? input.withEstimatedCompletion(completion)
                : TokenUsage.estimated(promptTokensEstimated, completion);
    }

    /** Records the call once; later calls (a cancel racing a completion) do nothing. */
    void end(CallOutcome outcome) {
        if (ended.compareAndSet(false, true)) {
            costCredits = recording.record(this, outcome);
        }
    }

    /** The credits charged, once the call ended (whichever way it ended first); null before. */
    Long costCredits() {
        return costCredits;
    }

    /** Releases the reservation of a call that never reached the upstream; no event. */
    void abandon() {
        if (ended.compareAndSet(false, true)) {
            recording.abandon(this);
        }
    }
}
