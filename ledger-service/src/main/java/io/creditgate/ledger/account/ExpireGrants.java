package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Expire every grant of the account whose expiry is at or before {@code now}. Sent by the expiry
 * scheduler; every other command that carries a time does the same first. Answers the number of grants
 * expired.
 */
public record ExpireGrants(@TargetAggregateIdentifier String userId, Instant now) {
}
