package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Block a user (admin). Opens the account of a user never seen, so the block holds from the first call. */
public record BlockUser(@TargetAggregateIdentifier String userId, String reason, String actor, Instant blockedAt,
        long openingCredits, PlanTerms openingPlan) {

    public BlockUser(String userId, String reason, String actor, Instant blockedAt, long openingCredits) {
        this(userId, reason, actor, blockedAt, openingCredits, null);
    }
}
