package io.creditgate.ledger.publication;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.GrantExpired;
import io.creditgate.ledger.account.GrantRevoked;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.ledger.account.PurchaseGranted;
import io.creditgate.ledger.account.PurchaseRefunded;
import io.creditgate.ledger.account.UsageCharged;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.GrantCategory;

/**
 * Builds the Avro events of the account-events topic from the ledger's events. Every id is derived
 * from the ledger event, so publishing the same ledger event again yields the same ids and
 * consumers can dedupe on them.
 */
final class AccountEventMapper {

    static final String PAYMENT_ACTOR = "payment";

    static AccountOpened opened(io.creditgate.ledger.account.AccountOpened event, String ledgerEventId) {
        return AccountOpened.newBuilder()
                .setEventId(ledgerEventId)
                .setOccurredAt(event.openedAt())
                .setUserId(event.userId())
                .setStartingCredits(event.startingCredits())
                .build();
    }

    static io.creditgate.schemas.event.CreditsGranted granted(CreditsGranted event) {
        return io.creditgate.schemas.event.CreditsGranted.newBuilder()
                .setEventId(event.grantId())
                .setOccurredAt(event.grantedAt())
                .setUserId(event.userId())
                .setAmountCredits(event.amountCredits())
                .setReason(event.reason())
                .setActor(event.actor())
                .setCategory(GrantCategory.valueOf(event.category().name()))
                .setExpiresAt(event.expiresAt())
                .setPriority(event.priority())
                .build();
    }

    /** A purchase is announced as a PAID grant, id {@code purchase:<purchaseId>}. */
    static io.creditgate.schemas.event.CreditsGranted granted(PurchaseGranted event) {
        return io.creditgate.schemas.event.CreditsGranted.newBuilder()
                .setEventId(event.grantId())
                .setOccurredAt(event.purchasedAt())
                .setUserId(event.userId())
                .setAmountCredits(event.amountCredits())
                .setReason(event.method() == null || event.method().isBlank() ? "purchase " + event.purchaseId()
                        : "purchase " + event.purchaseId() + " (" + event.method() + ")")
                .setActor(PAYMENT_ACTOR)
                .setCategory(GrantCategory.PAID)
                .setExpiresAt(null)
                .setPriority(io.creditgate.ledger.account.AccountState.DEFAULT_PRIORITY)
                .build();
    }

    /**
     * @param ledgerEventId the Axon identifier of the ledger event (stable across re-publication)
     * @param version the account's sequence number of the ledger event
     */
    static AccountBalanceChanged balanceChanged(LedgerEvent event, String ledgerEventId, long version) {
        return AccountBalanceChanged.newBuilder()
                .setEventId(balanceChangedId(ledgerEventId))
                .setOccurredAt(event.occurredAt())
                .setUserId(event.userId())
                .setCauseEventId(causeOf(event, ledgerEventId))
                .setVersion(version)
                .setBalanceCredits(event.after().balanceCredits())
                .setCycleCredits(event.after().cycleCredits())
                .setSpentCycleCredits(event.after().spentCycleCredits())
                .setStatus(AccountStatus.valueOf(event.after().status().name()))
                .setChangeType(event.changeType())
                .setUtilisationBasisPoints(event.after().utilisationBasisPoints())
                // 0 / empty only for a journal written before plans (decision 30): the schema's "before v3" values.
                .setCycleStartedAt(orEpoch(event.after().cycleStartedAt()))
                .setCycleEndsAt(orEpoch(event.after().cycleEndsAt()))
                .setPlanId(event.after().planId() == null ? "" : event.after().planId())
                .build();
    }

    /**
     * What caused the change: the usage event id, the grant id (grants, expiries, revocations), the payment
     * event id (purchases, refunds), or the ledger event id (the opening).
     */
    static String causeOf(LedgerEvent event, String ledgerEventId) {
        if (event instanceof UsageCharged usage) {
            return usage.eventId();
        } else if (event instanceof CreditsGranted grant) {
            return grant.grantId();
        } else if (event instanceof PurchaseGranted purchase) {
            return purchase.paymentEventId();
        } else if (event instanceof PurchaseRefunded refund) {
            return refund.paymentEventId();
        } else if (event instanceof io.creditgate.ledger.account.PurchaseDisputed dispute) {
            return dispute.paymentEventId();
        } else if (event instanceof io.creditgate.ledger.account.PurchaseDisputeClosed closure) {
            return closure.paymentEventId();
        } else if (event instanceof io.creditgate.ledger.account.SubscriptionEnded ended) {
            return ended.paymentEventId();
        } else if (event instanceof GrantExpired expiry) {
            return expiry.grantId();
        } else if (event instanceof GrantRevoked revocation) {
            return revocation.grantId();
        } else if (event instanceof io.creditgate.ledger.account.AllowanceRenewed renewal && renewal.grantId() != null) {
            return renewal.grantId();
        }
        return ledgerEventId;
    }

    private static java.time.Instant orEpoch(java.time.Instant instant) {
        return instant == null ? java.time.Instant.EPOCH : instant;
    }

    /** A name-based UUID: the opened event already uses the ledger event id itself. */
    static String balanceChangedId(String ledgerEventId) {
        return UUID.nameUUIDFromBytes(("AccountBalanceChanged:" + ledgerEventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private AccountEventMapper() {
    }
}
