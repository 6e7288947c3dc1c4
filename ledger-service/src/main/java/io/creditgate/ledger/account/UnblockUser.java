package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a block (admin). */
public record UnblockUser(@TargetAggregateIdentifier String userId, String reason, String actor, Instant unblockedAt) {
}
