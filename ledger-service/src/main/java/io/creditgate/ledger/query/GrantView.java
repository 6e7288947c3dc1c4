package io.creditgate.ledger.query;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A grant and what it still holds, in credits.
 *
 * @param status OPEN (holds credits), SPENT, EXPIRED, REVOKED or REFUNDED
 * @param expiresAt absent when it never expires
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantView(
        String grantId,
        String category,
        long amountCredits,
        long remainingCredits,
        String status,
        int priority,
        Instant expiresAt,
        Instant grantedAt,
        Instant closedAt,
        String reason,
        String actor) {
}
