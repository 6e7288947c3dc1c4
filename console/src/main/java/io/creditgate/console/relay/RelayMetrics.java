package io.creditgate.console.relay;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code creditgate.console.relay{service,status}}: every call the console relayed to a service, and how long the
 * service took. {@code service} is gateway, ledger, alert or payment; {@code status} the class of the service's answer
 * (2xx, 3xx, 4xx, 5xx), or timeout, unreachable or failed (the connection broke) when none came. Never a path: paths
 * hold user ids.
 */
@Component
class RelayMetrics {

    static final String NAME = "creditgate.console.relay";
    static final String TIMEOUT = "timeout";
    static final String UNREACHABLE = "unreachable";
    static final String FAILED = "failed";

    private final MeterRegistry registry;

    RelayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void relayed(String service, String status, Duration took) {
        Timer.builder(NAME).description("Calls relayed to the services, by service and the class of their answer")
                .tag("service", service).tag("status", status).register(registry).record(took);
    }

    /** 2xx, 3xx, 4xx or 5xx: a class, not the code, so that the series stay few. */
    static String statusClass(int statusCode) {
        return statusCode / 100 + "xx";
    }
}
