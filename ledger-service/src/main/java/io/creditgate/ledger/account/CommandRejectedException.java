package io.creditgate.ledger.account;

/**
 * A command that breaks a rule of the account. Never retried: the same command would be rejected again.
 */
public final class CommandRejectedException extends RuntimeException {

    /** Why a command was rejected; the REST layer maps each to its HTTP status. */
    public enum Reason {
        /** A field is missing or out of range. */
        INVALID,
        /** The idempotency key was used before for a different command, or the state forbids it. */
        CONFLICT,
        /** The result would not fit in a long. */
        OVERFLOW,
        /** The command names something the account does not have (a grant, a purchase). */
        NOT_FOUND
    }

    private final Reason reason;
    private final String code;

    public CommandRejectedException(Reason reason, String message) {
        this(reason, null, message);
    }

    /** @param code the machine-readable error code for clients; null for the reason's default */
    public CommandRejectedException(Reason reason, String code, String message) {
        super(message);
        this.reason = reason;
        this.code = code;
    }

    public Reason reason() {
        return reason;
    }

    /** The error code for clients, or null for the reason's default. */
    public String code() {
        return code;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new CommandRejectedException(Reason.INVALID, message);
        }
    }
}
