package io.creditgate.payment.purchase;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The payment service's business counters: purchases and credits sold by method, refunds, disputes, and fulfilments
 * refused (a session we did not create, an amount that does not match).
 */
@Component
public class PurchaseMetrics {

    private final MeterRegistry meters;

    PurchaseMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void purchased(String method, long credits) {
        Counter.builder("creditgate.payments.purchases").description("Purchases recorded, by method")
                .tag("method", method).register(meters).increment();
        Counter.builder("creditgate.payments.credits.sold").description("Credits sold, by method")
                .tag("method", method).register(meters).increment(credits);
    }

    public void refunded(String method, long credits) {
        Counter.builder("creditgate.payments.refunds").description("Refunds that took credits back, by purchase method")
                .tag("method", method).register(meters).increment();
        Counter.builder("creditgate.payments.credits.refunded").description("Credits taken back by refunds")
                .tag("method", method).register(meters).increment(credits);
    }

    public void dispute(String outcome) {
        Counter.builder("creditgate.payments.disputes").description("Disputes opened and closed (outcome opened|won|lost)")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** A Stripe object that credits nothing: {@code unknown_session}, {@code amount_mismatch}, {@code unknown_charge}, … */
    public void refused(String reason) {
        Counter.builder("creditgate.payments.fulfilment.refused")
                .description("Stripe objects that credited or took back nothing, by reason").tag("reason", reason)
                .register(meters).increment();
    }
}
