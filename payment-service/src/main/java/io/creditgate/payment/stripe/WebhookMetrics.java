package io.creditgate.payment.stripe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code creditgate.payments.webhooks{type,outcome}}: every webhook delivery and what became of it. */
@Component
class WebhookMetrics {

    /** The type tag of a delivery whose signature failed: its body is not trusted enough to name a type. */
    static final String UNVERIFIED = "unverified";

    private final MeterRegistry meters;

    WebhookMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(String type, WebhookOutcome outcome) {
        Counter.builder("creditgate.payments.webhooks").description("Stripe webhook deliveries by event type and outcome")
                .tag("type", type).tag("outcome", outcome.tag()).register(meters).increment();
    }

    void otherApiVersion(String version) {
        Counter.builder("creditgate.payments.webhooks.other_api_version")
                .description("Events rendered in another API version than stripe-java's (their objects are re-read from the API)")
                .tag("api_version", version).register(meters).increment();
    }
}
