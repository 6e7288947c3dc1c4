package io.creditgate.ledger.account;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Renew every cycle of the account that ended at or before {@code now} (and expire the grants due by then). Sent by
 * the renewal scheduler; every command that carries a time does the same first. Answers the number of renewals.
 */
public record RenewCycles(@TargetAggregateIdentifier String userId, Instant now) {
}
