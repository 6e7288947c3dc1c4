package io.creditgate.payment.stripe;

import java.util.Locale;

/** What became of one webhook delivery (the {@code outcome} tag and the answer's {@code status}). */
enum WebhookOutcome {
    /** A handler acted on it. */
    PROCESSED,
    /** No handler takes its type; recorded so a redelivery is recognised too. */
    IGNORED,
    /** Its event id was processed before: nothing done. */
    ALREADY_PROCESSED,
    /** Missing, forged, stale or wrong-secret signature: 400, nothing recorded. */
    SIGNATURE_INVALID,
    /** No signing secret configured: 503. */
    NOT_CONFIGURED,
    /** The handler failed: rolled back, 500, Stripe retries. */
    FAILED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
