package io.creditgate.gateway.admission;

/**
 * What the gateway does when its control plane (Redis, the credit store) cannot answer.
 * Kafka is not part of the choice: when it is down, usage events go to the local spool in both modes.
 */
public enum FailureMode {

    /** Keep serving: admit calls without a credit check, still meter them and record their usage. */
    OPEN,

    /** Refuse calls with 503 {@code admission_unavailable} until the credit store answers again. */
    CLOSED
}
