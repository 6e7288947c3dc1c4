package io.creditgate.gateway.admission;

/**
 * A call let through.
 *
 * @param eventId the call's UUID: its key in {@code cg:{user}:pending} and the eventId of its UsageRecorded
 * @param reservedCredits the credits reserved for it
 * @param outputCapTokens the output limit to inject upstream because the user cannot afford more, or
 *     null to leave the request's limit as the client sent it
 */
public record Admitted(String eventId, long reservedCredits, Long outputCapTokens) {
}
