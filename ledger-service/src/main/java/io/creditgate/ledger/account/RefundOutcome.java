package io.creditgate.ledger.account;

/** What a {@link RecordRefund} command did. */
public enum RefundOutcome {
    /** The refund was recorded (it may have taken nothing when the purchase was fully spent). */
    REFUNDED,
    /** The refund id was recorded before: nothing changed. */
    ALREADY_REFUNDED
}
