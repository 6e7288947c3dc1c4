package io.creditgate.ledger.account;

/**
 * A command that breaks a rule of the account. Never retried: the same command would be rejected again.
 */
public final class CommandRejectedException extends RuntimeException {

    /** Why a command was rejected; the REST layer maps each to its HTTP status. */
    public enum Reason {
        /** A field is missing or out of range. */
        INVALID,
        /** The idempotency key was used before for a different command. */
        CONFLICT,
        /** The result would not fit in a long. */
        OVERFLOW
    }

    private final Reason reason;

    public CommandRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandRejectedException(Reason.INVALID, message);
        }
    }
}
