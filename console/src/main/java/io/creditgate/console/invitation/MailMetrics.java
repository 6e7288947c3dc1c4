package io.creditgate.console.invitation;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code creditgate.console.mails{kind,outcome}}: the console's mails with one-time links, sent or refused by the mail
 * server. A failed invitation is reported to the admin who sent it, but a failed password reset is silent by design
 * (the page reads the same whether the email exists), so this counter is how an operator learns that people cannot
 * get in. Tags hold fixed words only, never an address.
 */
@Component
class MailMetrics {

    static final String NAME = "creditgate.console.mails";

    enum Kind { INVITATION, PASSWORD_RESET }

    enum Outcome { SENT, FAILED }

    private final MeterRegistry registry;

    MailMetrics(MeterRegistry registry) {
        this.registry = registry;
        // At 0 from the start: the alert on failed mails compares increases, and the first failure must count.
        for (Kind kind : Kind.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(kind, outcome);
            }
        }
    }

    void count(Kind kind, Outcome outcome) {
        counter(kind, outcome).increment();
    }

    private Counter counter(Kind kind, Outcome outcome) {
        return Counter.builder(NAME).description("Mails with one-time links (invitations, password resets) by outcome")
                .tag("kind", kind.name().toLowerCase(Locale.ROOT)).tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
