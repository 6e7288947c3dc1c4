package io.creditgate.ledger.query;

/** The kind of a statement line. */
public enum TransactionType {
    /** The starting grant of a new account. */
    OPENED,
    /** Credits granted by an actor. */
    GRANT,
    /** A metered call charged. */
    USAGE
}
