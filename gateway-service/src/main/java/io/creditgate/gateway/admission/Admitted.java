package io.creditgate.gateway.admission;

import java.util.Optional;

/**
 * A call let through.
 *
 * @param eventId the call's UUID: its key in {@code cg:{user}:pending} and the eventId of its UsageRecorded
 * @param reservedCredits the credits reserved for it
 * @param outputCapTokens the output limit to inject upstream because the user cannot afford more, or
 *     null to leave the request's limit as the client sent it
 * @param standing the user's standing right after the reservation (for the credit headers); empty when the
 *     call was admitted unchecked because Redis could not answer
 */
public record Admitted(String eventId, long reservedCredits, Long outputCapTokens, Optional<CreditStanding> standing) {
}
