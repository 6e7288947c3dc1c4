package io.creditgate.gateway.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.metering.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's production metrics (Prometheus at {@code /actuator/prometheus}). Model tags only ever
 * hold priced models (unknown ones are refused first), so their cardinality is the price table's size.
 */
@Component
public class GatewayMetrics {

    private final MeterRegistry registry;
    /**
     * The meters of the per-call hot path, found by a plain key instead of by the registry's lookup, which
     * sorts and compares tags on every call (a few percent of the gateway's CPU in the profile). Keys hold
     * priced models and fixed words only, so the map stays as small as the meters themselves.
     */
    private final Map<Object, Meter> hotMeters = new ConcurrentHashMap<>();

    /** The counters of what must never or rarely happen, which alert rules watch (deploy/prometheus/alerts.yml). */
    static final String[] ALERTED_COUNTERS = {"creditgate.usage.publish.failures", "creditgate.usage.spooled",
            "creditgate.usage.lost", "creditgate.reservations.expired", "creditgate.journal.failed"};

    /** Public so that tests of other packages can build one over a {@code SimpleMeterRegistry}. */
    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered at 0 from the start rather than at their first event: Prometheus's increase() over a series that
        // appears with the value 1 reports 0, so the first lost event would raise no alert, and a dashboard could not
        // tell "none yet" from "not exported".
        for (String name : ALERTED_COUNTERS) {
            registry.counter(name);
        }
    }

    private record AdmissionKey(String model, String decision, boolean outputCapped) {
    }

    private record CallKey(String endpoint, String model, String outcome, boolean stream, boolean exact) {
    }

    private record TokenKey(String model, String type) {
    }

    private record CreditKey(String model) {
    }

    private record LatencyKey(String model, boolean stream, String outcome) {
    }

    private record AddedLatencyKey(boolean stream) {
    }

    @SuppressWarnings("unchecked")
    private <M extends Meter> M hot(Object key, Supplier<M> register) {
        Meter meter = hotMeters.get(key);
        if (meter == null) {
            meter = hotMeters.computeIfAbsent(key, k -> register.get());
        }
        return (M) meter;
    }

    private Counter counter(Object key, String name, String... tags) {
        return hot(key, () -> registry.counter(name, tags));
    }

    /** {@code creditgate.admissions}: one per call that reached admission, by decision. */
    public void admitted(String model, boolean outputCapped) {
        counter(new AdmissionKey(model, "admitted", outputCapped), "creditgate.admissions", "model", model,
                "decision", "admitted", "output_capped", Boolean.toString(outputCapped)).increment();
    }

    public void refused(String model) {
        admission(model, "refused");
    }

    /** Admitted without a credit check: Redis did not answer and the failure mode is open. */
    public void admittedUnchecked(String model) {
        admission(model, "unchecked");
    }

    /** Refused without Redis (failure mode open): remembered as out of credits or blocked, or its allowance spent. */
    public void refusedFromMemory(String model) {
        admission(model, "refused_remembered");
    }

    /** Refused with 503: Redis did not answer and the failure mode is closed. */
    public void admissionUnavailable(String model) {
        admission(model, "unavailable");
    }

    /** Refused with 429 by a requests- or tokens-per-minute limit. */
    public void rateLimited(String model) {
        admission(model, "rate_limited");
    }

    private void admission(String model, String decision) {
        counter(new AdmissionKey(model, decision, false), "creditgate.admissions", "model", model,
                "decision", decision, "output_capped", "false").increment();
    }

    /**
     * {@code creditgate.calls}, {@code creditgate.tokens} and {@code creditgate.credits} of one finished call;
     * {@code endpoint} is UsageRecorded's (chat.completions, completions, embeddings, responses, messages).
     */
    public void callFinished(String endpoint, String model, String outcome, boolean stream, TokenUsage usage,
                             long costCredits) {
        String source = usage.exact() ? "EXACT" : "ESTIMATED";
        counter(new CallKey(endpoint, model, outcome, stream, usage.exact()), "creditgate.calls",
                "endpoint", endpoint, "model", model, "outcome", outcome, "stream", Boolean.toString(stream),
                "usage_source", source).increment();
        tokens(model, "prompt", usage.uncachedPromptTokens());
        tokens(model, "cached_prompt", usage.cachedPromptTokens());
        tokens(model, "cache_write", usage.cacheWriteTokens());
        tokens(model, "completion", usage.visibleCompletionTokens());
        tokens(model, "reasoning", usage.reasoningTokens());
        counter(new CreditKey(model), "creditgate.credits", "model", model).increment(costCredits);
    }

    /** {@code creditgate.upstream.latency}: from forwarding a call to the end of the upstream's answer. */
    public void upstreamLatency(String model, boolean stream, String outcome, Duration latency) {
        Timer timer = hot(new LatencyKey(model, stream, outcome), () -> Timer.builder("creditgate.upstream.latency")
                .tag("model", model).tag("stream", Boolean.toString(stream)).tag("outcome", outcome).register(registry));
        timer.record(latency);
    }

    /** {@code creditgate.requests.rejected}: calls refused before admission (bad input, identity), by code. */
    public void rejected(String code) {
        registry.counter("creditgate.requests.rejected", "code", code).increment();
    }

    /** {@code creditgate.usage.publish.failures}: UsageRecorded events Kafka did not take. */
    public void publishFailed() {
        registry.counter("creditgate.usage.publish.failures").increment();
    }

    /**
     * {@code creditgate.added.latency}: what the gateway adds to a call that reached the upstream, the whole
     * exchange minus the upstream's part (identification, parsing, counting, admission, relaying). A histogram
     * from 10 µs up, so that sub-millisecond percentiles are visible.
     */
    public void addedLatency(boolean stream, long nanos) {
        Timer timer = hot(new AddedLatencyKey(stream), () -> Timer.builder("creditgate.added.latency")
                .tag("stream", Boolean.toString(stream))
                .publishPercentileHistogram()
                // Exact buckets at the targets: 0.3 ms at the median, 1 ms at p99.
                .serviceLevelObjectives(Duration.ofNanos(100_000), Duration.ofNanos(300_000), Duration.ofMillis(1))
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry));
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code creditgate.streams.open}: streamed answers open on this gateway. */
    public void streamsOpen(Supplier<Number> open) {
        Gauge.builder("creditgate.streams.open", open).register(registry);
    }

    /** {@code creditgate.reservations.held}: reservations this gateway holds for its calls in flight. */
    public void reservationsHeld(Supplier<Number> held) {
        Gauge.builder("creditgate.reservations.held", held).register(registry);
    }

    /**
     * {@code creditgate.reservations.outstanding}: reservations in flight in Redis, of every gateway (leftovers of
     * a crashed one included), as the last sweep counted them; every instance reports the same number.
     */
    public void reservationsOutstanding(Supplier<Number> outstanding) {
        Gauge.builder("creditgate.reservations.outstanding", outstanding).register(registry);
    }

    /** {@code creditgate.reservations.expired}: reservations released because they outlived their call. */
    public void reservationsExpired(long count) {
        if (count > 0) {
            registry.counter("creditgate.reservations.expired").increment(count);
        }
    }

    /** {@code creditgate.spool.depth}: UsageRecorded events waiting in the local spool for Kafka. */
    public void spoolDepth(Supplier<Number> depth) {
        Gauge.builder("creditgate.spool.depth", depth).register(registry);
    }

    /** {@code creditgate.usage.spooled}: UsageRecorded events written to the spool instead of Kafka. */
    public void spooled() {
        registry.counter("creditgate.usage.spooled").increment();
    }

    /**
     * {@code creditgate.usage.lost}: events neither Kafka nor the spool took. They stay in the journal (when it took
     * them) and are spooled at the gateway's next start; the log keeps them in full too.
     */
    public void usageLost() {
        registry.counter("creditgate.usage.lost").increment();
    }

    /** {@code creditgate.journal.unsettled}: events answered and journaled, not yet in Kafka or the spool. */
    public void journalUnsettled(Supplier<Number> unsettled) {
        Gauge.builder("creditgate.journal.unsettled", unsettled).register(registry);
    }

    /** {@code creditgate.journal.failed}: events the journal could not write (disk full?): a kill could lose them. */
    public void journalFailed() {
        registry.counter("creditgate.journal.failed").increment();
    }

    private void tokens(String model, String type, long count) {
        counter(new TokenKey(model, type), "creditgate.tokens", "model", model, "type", type).increment(count);
    }
}
