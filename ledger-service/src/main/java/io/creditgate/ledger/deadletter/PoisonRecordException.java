package io.creditgate.ledger.deadletter;

/**
 * A record the ledger will never fold, and why. Handed to Spring Kafka's {@code DeadLetterPublishingRecoverer} (its
 * class and message become the recoverer's {@code kafka_dlt-exception-*} headers); a record listener throws it, and
 * the container's error handler, which never retries it, dead-letters the record.
 */
public final class PoisonRecordException extends RuntimeException {

    private final transient Poison poison;

    public PoisonRecordException(Poison poison) {
        super(poison.reason() + ": " + poison.message(), null, false, false);
        this.poison = poison;
    }

    public Poison poison() {
        return poison;
    }
}
