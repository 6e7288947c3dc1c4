package io.creditgate.payment.topup;

/** Where a claimed top-up stands. Only PENDING moves; the others are final (a late success webhook aside). */
enum TopUpStatus {
    /** Claimed; Stripe has not answered yet (or its answer was not recorded). */
    PENDING,
    SUCCEEDED,
    /** The bank wants the card holder: the user got a Checkout link for the same pack. */
    NEEDS_AUTHENTICATION,
    FAILED
}
