package io.creditgate.gateway.metrics;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.TokenUsage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's production metrics (Prometheus at {@code /actuator/prometheus}). Model tags only ever
 * hold priced models (unknown ones are refused first), so their cardinality is the price table's size.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code creditgate.admissions}: one per call that reached admission, by decision. */
    public void admitted(String model, boolean outputCapped) {
        registry.counter("creditgate.admissions", "model", model, "decision", "admitted",
                "output_capped", Boolean.toString(outputCapped)).increment();
    }

    public void refused(String model) {
        registry.counter("creditgate.admissions", "model", model, "decision", "refused",
                "output_capped", "false").increment();
    }

    /** {@code creditgate.calls}, {@code creditgate.tokens} and {@code creditgate.credits} of one finished call. */
    public void callFinished(String model, String outcome, boolean stream, TokenUsage usage, long costCredits) {
        String source = usage.exact() ? "EXACT" : "ESTIMATED";
        registry.counter("creditgate.calls", "model", model, "outcome", outcome,
                "stream", Boolean.toString(stream), "usage_source", source).increment();
        tokens(model, "prompt", usage.uncachedPromptTokens());
        tokens(model, "cached_prompt", usage.cachedPromptTokens());
        tokens(model, "completion", usage.completionTokens() - Math.min(usage.reasoningTokens(), usage.completionTokens()));
        tokens(model, "reasoning", Math.min(usage.reasoningTokens(), usage.completionTokens()));
        registry.counter("creditgate.credits", "model", model).increment(costCredits);
    }

    /** {@code creditgate.upstream.latency}: from forwarding a call to the end of the upstream's answer. */
    public void upstreamLatency(String model, boolean stream, String outcome, Duration latency) {
        Timer.builder("creditgate.upstream.latency").tag("model", model).tag("stream", Boolean.toString(stream))
                .tag("outcome", outcome).register(registry).record(latency);
    }

    /** {@code creditgate.requests.rejected}: calls refused before admission (bad input, identity), by code. */
    public void rejected(String code) {
        registry.counter("creditgate.requests.rejected", "code", code).increment();
    }

    /** {@code creditgate.usage.publish.failures}: UsageRecorded events Kafka did not take. */
    public void publishFailed() {
        registry.counter("creditgate.usage.publish.failures").increment();
    }

    private void tokens(String model, String type, long count) {
        registry.counter("creditgate.tokens", "model", model, "type", type).increment(count);
    }
}
