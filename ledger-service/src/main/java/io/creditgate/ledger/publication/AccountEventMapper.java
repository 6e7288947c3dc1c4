package io.creditgate.ledger.publication;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.CreditsGranted;

/**
 * Builds the Avro events of the account-events topic from the ledger's events. Every id is derived
 * from the ledger event, so publishing the same ledger event again yields the same ids and
 * consumers can dedupe on them.
 */
final class AccountEventMapper {

    static AccountOpened opened(io.creditgate.ledger.account.AccountOpened event, String ledgerEventId) {
        return AccountOpened.newBuilder()
                .setEventId(ledgerEventId)
                .setOccurredAt(event.openedAt())
                .setUserId(event.userId())
                .setStartingCredits(event.startingCredits())
                .build();
    }

    static CreditsGranted granted(io.creditgate.ledger.account.CreditsGranted event) {
        return CreditsGranted.newBuilder()
                .setEventId(event.grantId())
                .setOccurredAt(event.grantedAt())
                .setUserId(event.userId())
                .setAmountCredits(event.amountCredits())
                .setReason(event.reason())
                .setActor(event.actor())
                .build();
    }

    /**
     * @param ledgerEventId the Axon identifier of the ledger event (stable across re-publication)
     * @param causeEventId the usage event id, grant id or account-opened id that changed the balance
     * @param version the account's sequence number of the ledger event
     */
    static AccountBalanceChanged balanceChanged(String userId, String ledgerEventId, String causeEventId,
            Instant occurredAt, long version, AccountBalance after) {
        return AccountBalanceChanged.newBuilder()
                .setEventId(balanceChangedId(ledgerEventId))
                .setOccurredAt(occurredAt)
                .setUserId(userId)
                .setCauseEventId(causeEventId)
                .setVersion(version)
                .setBalanceCredits(after.balanceCredits())
                .setCycleCredits(after.cycleCredits())
                .setSpentCycleCredits(after.spentCycleCredits())
                .setStatus(AccountStatus.valueOf(io.creditgate.ledger.account.AccountStatus.of(after.balanceCredits()).name()))
                .build();
    }

    /** A name-based UUID: the opened event already uses the ledger event id itself. */
    static String balanceChangedId(String ledgerEventId) {
        return UUID.nameUUIDFromBytes(("AccountBalanceChanged:" + ledgerEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private AccountEventMapper() {
    }
}
