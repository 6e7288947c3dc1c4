package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take back the unspent part of a grant (admin). Revoking a revoked grant again is a no-op. */
public record RevokeGrant(
        @TargetAggregateIdentifier String userId,
        String grantId,
        String reason,
        String actor,
        Instant revokedAt) {
}
