package io.creditgate.gateway.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code creditgate.identity.calls} (tag {@code kind}: service_key, virtual_key, jwt): metered calls by the
 * credential that named their user; {@code creditgate.identity.failures} (tag {@code reason}: key_unknown,
 * key_revoked, key_budget_exhausted, jwt_invalid, jwt_expired, …): virtual key and JWT refusals. Counters are
 * made once, so counting costs the service-key path one increment.
 */
@Component
public class IdentityMetrics {

    /** The credential that named a call's user. */
    public enum Kind {
        SERVICE_KEY, VIRTUAL_KEY, JWT
    }

    private final MeterRegistry registry;
    private final Counter[] calls = new Counter[Kind.values().length];
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    public IdentityMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Kind kind : Kind.values()) {
            calls[kind.ordinal()] = registry.counter("creditgate.identity.calls", "kind", kind.name().toLowerCase());
        }
    }

    public void identified(Kind kind) {
        calls[kind.ordinal()].increment();
    }

    /** Reasons are this gateway's own codes, a handful, so the tag's cardinality stays small. */
    public void failed(String reason) {
        failures.computeIfAbsent(reason, r -> registry.counter("creditgate.identity.failures", "reason", r)).increment();
    }
}
