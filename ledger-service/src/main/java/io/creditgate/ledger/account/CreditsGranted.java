package io.creditgate.ledger.account;

import java.time.Instant;

/** Credits added to an account by an actor; {@code after} is the account's money once added. */
public record CreditsGranted(
        String userId,
        String grantId,
        long amountCredits,
        String reason,
        String actor,
        Instant grantedAt,
        AccountBalance after) {
}
