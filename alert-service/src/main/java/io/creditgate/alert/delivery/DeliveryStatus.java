package io.creditgate.alert.delivery;

/** The life of one delivery (see V1 migration). */
enum DeliveryStatus {
    /** Planned; nothing was sent. Safe to send after a restart. */
    PENDING,
    /** Claimed by a worker: a send may be under way. Never claimed again. */
    SENDING,
    /** The last attempt failed in a way that proves nothing was accepted; due again at next_attempt_at. */
    RETRY,
    SENT,
    /** Given up: a permanent refusal, or too many attempts. */
    FAILED,
    /** Its worker died mid-send: whether it arrived is unknown, and it is not sent again (at most once). */
    UNKNOWN,
    /** Not sent on purpose (no address, opted out, too old); the reason is in last_error. */
    SKIPPED
}
