package io.creditgate.ledger.deadletter;

/**
 * The failure handed to Spring Kafka's {@code DeadLetterPublishingRecoverer} for a record the ledger will never fold:
 * its class and message become the recoverer's {@code kafka_dlt-exception-*} headers. Never thrown.
 */
final class PoisonRecordException extends RuntimeException {

    private final transient Poison poison;

    PoisonRecordException(Poison poison) {
        super(poison.reason() + ": " + poison.message(), null, false, false);
        this.poison = poison;
    }

    Poison poison() {
        return poison;
    }
}
