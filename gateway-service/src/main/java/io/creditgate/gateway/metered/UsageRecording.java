package io.creditgate.gateway.metered;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.admission.Admission;
import io.creditgate.gateway.keys.KeySpending;
import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.gateway.metering.TokenUsage;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.usage.UsagePublisher;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import reactor.core.publisher.Mono;

/**
 * Ends a metered call: prices its usage once, journals its UsageRecorded, settles the reservation to that cost,
 * then publishes the event. Only the journal write happens before the answer ends (so that nothing answered can be
 * lost); the rest runs detached, so a client that is gone still gets charged and one that is waiting is not held
 * up by Redis or Kafka.
 */
@Component
class UsageRecording {

    private static final Logger log = LoggerFactory.getLogger(UsageRecording.class);

    private final TokenCounter tokens;
    private final Admission admission;
    private final UsagePublisher publisher;
    private final KeySpending keySpending;
    private final GatewayMetrics metrics;

    UsageRecording(TokenCounter tokens, Admission admission, UsagePublisher publisher, KeySpending keySpending,
                   GatewayMetrics metrics) {
        this.tokens = tokens;
        this.admission = admission;
        this.publisher = publisher;
        this.keySpending = keySpending;
        this.metrics = metrics;
    }

    /**
     * Prices, journals, settles and publishes the call; returns its cost in credits once the event is journaled
     * (settling and publishing go on detached). Call it before the answer's last byte leaves the gateway.
     */
    long record(MeteredCall call, CallOutcome outcome) {
        Duration latency = Duration.ofNanos(System.nanoTime() - call.forwardedNanos());
        TokenUsage usage = call.usage(tokens);
        long cost = call.price.costCredits(usage);
        UsageRecorded event = UsageRecorded.newBuilder()
                .setEventId(call.eventId)
                .setOccurredAt(Instant.now())
                .setUserId(call.user.value())
                .setUserEmail(call.user.email() != null ? call.user.email() : "")
                .setModel(call.model)
                .setEndpoint(call.endpoint)
                .setPromptTokens(usage.promptTokens())
                .setCachedPromptTokens(usage.cachedPromptTokens())
                .setCompletionTokens(usage.completionTokens())
                .setReasoningTokens(usage.reasoningTokens())
                .setCacheWritePromptTokens(usage.cacheWriteTokens())
                .setCostCredits(cost)
                .setUsageSource(usage.exact() ? UsageSource.EXACT : UsageSource.ESTIMATED)
                .setStream(call.stream)
                .setOutcome(outcome)
                .setRequestId(call.requestId)
                .setLatencyMs(latency.toMillis())
                .setPricedModel(call.priced.pricedAs())
                .setPriceVersion(call.priced.version())
                .build();
        metrics.callFinished(call.endpoint, call.model, outcome.name(), call.stream, usage, cost);
        metrics.upstreamLatency(call.model, call.stream, outcome.name(), latency);
        // A call made with a virtual key also spends the key's own budget (detached, like the rest).
        keySpending.charged(call.user.virtualKeyHash(), cost);
        // In the journal from here on: a gateway killed before Kafka takes the event sends it at its next start.
        Mono<Void> publication = publisher.publish(event);
        // Settle first: the ledger deletes the pending entry when it folds the event, so the entry must
        // hold the real cost before the event can be folded.
        admission.settle(call.user, call.eventId, cost)
                .onErrorResume(e -> {
                    log.warn("Settling call {} of user {} failed ({}); publishing its usage anyway", call.eventId,
                            call.user, e.toString());
                    return Mono.empty();
                })
                .then(publication)
                .subscribe(null, e -> { /* logged and counted by the publisher */ });
        return cost;
    }

    void abandon(MeteredCall call) {
        admission.release(call.user, call.eventId).subscribe(null,
                e -> log.warn("Releasing the reservation of call {} failed: {}", call.eventId, e.toString()));
    }
}
