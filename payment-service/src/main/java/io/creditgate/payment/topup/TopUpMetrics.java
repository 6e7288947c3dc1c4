package io.creditgate.payment.topup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code creditgate.payments.top-ups.started} (claims sent to Stripe), {@code .succeeded}, {@code .failed{reason}} (the Stripe
 * code: {@code authentication_required}, {@code card_declined}, …) and {@code .disabled} (switched off after
 * repeated failures).
 */
@Component
class TopUpMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter succeeded;
    private final Counter disabled;

    TopUpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("creditgate.payments.top-ups.started").description("Auto top-ups claimed and sent to Stripe")
                .register(registry);
        this.succeeded = Counter.builder("creditgate.payments.top-ups.succeeded").description("Auto top-ups charged and credited")
                .register(registry);
        this.disabled = Counter.builder("creditgate.payments.top-ups.disabled")
                .description("Auto top-ups switched off after failures in a row").register(registry);
    }

    void started() {
        started.increment();
    }

    void succeeded() {
        succeeded.increment();
    }

    void failed(String reason) {
        Counter.builder("creditgate.payments.top-ups.failed").description("Auto top-ups Stripe did not charge, by reason")
                .tag("reason", reason == null ? "unknown" : reason).register(registry).increment();
    }

    void disabled() {
        disabled.increment();
    }
}
