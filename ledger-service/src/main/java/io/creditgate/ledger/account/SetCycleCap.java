package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Set a hard cap on the credits the user may spend per cycle (admin); {@code capCredits} null removes it.
 *
 * @param capCredits 0 or more, or null
 */
public record SetCycleCap(@TargetAggregateIdentifier String userId, Long capCredits, String reason, String actor,
        Instant setAt) {
}
