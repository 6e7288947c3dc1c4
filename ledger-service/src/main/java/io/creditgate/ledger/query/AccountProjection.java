package io.creditgate.ledger.query;

import java.sql.Timestamp;
import java.time.Instant;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.AccountOpened;
import io.creditgate.ledger.account.AccountState;
import io.creditgate.ledger.account.AllowanceRenewed;
import io.creditgate.ledger.account.PlanAssigned;
import io.creditgate.ledger.account.BalanceAdjusted;
import io.creditgate.ledger.account.CycleCapSet;
import io.creditgate.ledger.account.UserBlocked;
import io.creditgate.ledger.account.UserUnblocked;
import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.GrantBurn;
import io.creditgate.ledger.account.GrantCategory;
import io.creditgate.ledger.account.GrantExpired;
import io.creditgate.ledger.account.GrantRevoked;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.ledger.account.PurchaseGranted;
import io.creditgate.ledger.account.PurchaseDisputeClosed;
import io.creditgate.ledger.account.PurchaseDisputed;
import io.creditgate.ledger.account.PurchaseRefunded;
import io.creditgate.ledger.account.SubscriptionEnded;
import io.creditgate.ledger.account.UsageCharged;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the {@code account}, {@code account_transaction} and {@code account_grant} tables. A subscribing
 * processor: it runs inside the transaction that appends the event, so the read model never lags nor drifts
 * from the store.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class AccountProjection {

    static final String PROCESSING_GROUP = "account-read-model";
    private static final String PENDING_USAGE = AccountProjection.class.getName() + ".pendingUsage";

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    AccountProjection(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @EventHandler
    void on(AccountOpened event, EventMessage<?> message, @SequenceNumber long version) {
        AccountBalance after = event.after();
        jdbc.update("""
                INSERT INTO account (user_id, balance_credits, cycle_credits, spent_cycle_credits, status, version,
                                     opened_at, updated_at, cycle_cap_credits, spendable_credits, plan_id,
                                     cycle_started_at, cycle_ends_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.userId(), after.balanceCredits(), after.cycleCredits(), after.spentCycleCredits(),
                after.status().name(), version, ts(event.openedAt()), ts(event.openedAt()), after.cycleCapCredits(),
                after.spendableCredits(), after.planId(), tsOrNull(after.cycleStartedAt()), tsOrNull(after.cycleEndsAt()));
        if (event.startingCredits() > 0) {
            insertGrant(event.userId(), version, AccountState.OPENING_GRANT_ID, GrantCategory.PROMOTIONAL,
                    event.startingCredits(), 0, AccountState.DEFAULT_PRIORITY, null, event.openedAt(), "starting credits",
                    "system");
        }
        insertTransaction(row(event, version, message.getIdentifier()));
        countFolded(event);
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long version) {
        updateAccount(event, version);
        insertGrant(event.userId(), version, event.grantId(), event.category(), event.amountCredits(), event.debtSettledCredits(),
                event.priority(), event.expiresAt(), event.grantedAt(), event.reason(), event.actor());
        insertTransaction(row(event, version, event.grantId()).withGrant(event.reason(), event.actor()));
        audit(event, version, event.actor(), event.reason(), event.amountCredits(), event.grantId(), null, null);
        countFolded(event);
    }

    @EventHandler
    void on(PurchaseGranted event, @SequenceNumber long version) {
        updateAccount(event, version);
        String reason = purchaseReason(event);
        insertGrant(event.userId(), version, event.grantId(), GrantCategory.PAID, event.amountCredits(), event.debtSettledCredits(),
                AccountState.DEFAULT_PRIORITY, null, event.purchasedAt(), reason, "payment");
        insertTransaction(row(event, version, event.purchaseId()).withGrant(reason, "payment"));
        countFolded(event);
    }

    /** "purchase cs_1 (manual, ref PIX-123)": the statement tells a card payment from a bank transfer. */
    static String purchaseReason(PurchaseGranted event) {
        String reason = "purchase " + event.purchaseId();
        boolean hasMethod = event.method() != null && !event.method().isBlank();
        boolean hasReference = event.reference() != null && !event.reference().isBlank();
        if (hasMethod || hasReference) {
            reason += " (" + (hasMethod ? event.method() : "unknown method")
                    + (hasReference ? ", ref " + event.reference() : "") + ")";
        }
        return reason;
    }

    /**
     * The hot path (every metered call): held and written with the other usage of the batch, in one statement, when
     * the batch's unit of work prepares its commit (inside the transaction; {@link UsageWrites}).
     */
    @EventHandler
    void on(UsageCharged event, @SequenceNumber long version) {
        if (CurrentUnitOfWork.isStarted()) {
            pendingUsage(CurrentUnitOfWork.get()).add(event, version);
        } else {
            UsageWrites alone = new UsageWrites();
            alone.add(event, version);
            alone.flush(jdbc);
        }
        countFolded(event);
    }

    /**
     * Every other event writes the usage pending before it first, so the rows of an account are written in the order
     * of its events (each write checks the version before it).
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void writePendingUsageFirst(EventMessage<?> event, InterceptorChain chain) throws Exception {
        if (!(event.getPayload() instanceof UsageCharged) && CurrentUnitOfWork.isStarted()) {
            UsageWrites pending = CurrentUnitOfWork.get().getResource(PENDING_USAGE);
            if (pending != null) {
                pending.flush(jdbc);
            }
        }
        chain.proceed();
    }

    /** The usage writes of the batch; written when its unit of work prepares to commit, inside its transaction. */
    private UsageWrites pendingUsage(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING_USAGE, key -> {
            UsageWrites writes = new UsageWrites();
            batch.onPrepareCommit(u -> writes.flush(jdbc));
            return writes;
        });
    }

    @EventHandler
    void on(GrantExpired event, @SequenceNumber long version) {
        updateAccount(event, version);
        takeFromGrant(event.userId(), event.grantId(), event.expiredCredits(), "EXPIRED", event.expiredAt());
        insertTransaction(row(event, version, event.grantId()).withGrant("expired", "system"));
        countFolded(event);
    }

    @EventHandler
    void on(GrantRevoked event, @SequenceNumber long version) {
        updateAccount(event, version);
        takeFromGrant(event.userId(), event.grantId(), event.revokedCredits(), "REVOKED", event.revokedAt());
        insertTransaction(row(event, version, event.grantId()).withGrant(event.reason(), event.actor()));
        audit(event, version, event.actor(), event.reason(), -event.revokedCredits(), event.grantId(), null, null);
        countFolded(event);
    }

    @EventHandler
    void on(BalanceAdjusted event, @SequenceNumber long version) {
        updateAccount(event, version);
        String grantId = AccountState.adjustmentGrantId(event.adjustmentId());
        if (event.amountCredits() > 0) {
            insertGrant(event.userId(), version, grantId, GrantCategory.PROMOTIONAL, event.amountCredits(),
                    event.debtSettledCredits(), AccountState.DEFAULT_PRIORITY, null, event.adjustedAt(), event.reason(),
                    event.actor());
        }
        for (GrantBurn burn : event.burns()) {
            takeFromGrant(event.userId(), burn.grantId(), burn.credits(), "SPENT", event.adjustedAt());
        }
        insertTransaction(row(event, version, event.adjustmentId()).withGrant(event.reason(), event.actor()));
        audit(event, version, event.actor(), event.reason(), event.amountCredits(), null, null, null);
        countFolded(event);
    }

    @EventHandler
    void on(UserBlocked event, @SequenceNumber long version) {
        adminStateChange(event, version, event.actor(), event.reason(), null);
    }

    @EventHandler
    void on(UserUnblocked event, @SequenceNumber long version) {
        adminStateChange(event, version, event.actor(), event.reason(), null);
    }

    @EventHandler
    void on(CycleCapSet event, @SequenceNumber long version) {
        adminStateChange(event, version, event.actor(), event.reason(), event.capCredits());
    }

    /** Block, unblock and caps move no money: the account, a zero statement line and the audit log. */
    private void adminStateChange(LedgerEvent event, long version, String actor, String reason, Long capCredits) {
        updateAccount(event, version);
        insertTransaction(row(event, version, event.changeType().toLowerCase(java.util.Locale.ROOT) + ":" + version)
                .withGrant(reason, actor));
        audit(event, version, actor, reason, null, null, capCredits, null);
        countFolded(event);
    }

    private void audit(LedgerEvent event, long version, String actor, String reason, Long amountCredits, String grantId,
            Long capCredits, String planId) {
        jdbc.update("""
                INSERT INTO admin_audit (user_id, version, type, actor, reason, amount_credits, grant_id, cap_credits,
                                         occurred_at, plan_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.userId(), version, event.changeType(), actor, reason, amountCredits, grantId, capCredits,
                ts(event.occurredAt()), planId);
    }

    @EventHandler
    void on(PlanAssigned event, @SequenceNumber long version) {
        updateAccount(event, version);
        insertTransaction(row(event, version, "plan:" + event.plan().planId() + ":" + version)
                .withGrant(event.reason(), event.actor()));
        audit(event, version, event.actor(), event.reason(), null, null, null, event.plan().planId());
        countFolded(event);
    }

    /** The unspent allowance leaves (FORFEITED, also the part that rolls over), the new cycle's allowance grant arrives. */
    @EventHandler
    void on(AllowanceRenewed event, @SequenceNumber long version) {
        updateAccount(event, version);
        for (GrantBurn forfeit : event.forfeits()) {
            takeFromGrant(event.userId(), forfeit.grantId(), forfeit.credits(), "FORFEITED", event.cycleStartedAt());
        }
        long amount = event.allowanceCredits() + event.rolledOverCredits();
        if (event.grantId() != null) {
            insertGrant(event.userId(), version, event.grantId(), GrantCategory.PROMOTIONAL, amount,
                    event.debtSettledCredits(), AccountState.ALLOWANCE_PRIORITY, null, event.cycleStartedAt(),
                    "allowance of plan " + event.planId() + (event.rolledOverCredits() > 0
                            ? " with " + event.rolledOverCredits() + " rolled over" : ""), "system");
        }
        insertTransaction(row(event, version, event.grantId() != null ? event.grantId()
                : "renewal:" + event.cycleStartedAt().toEpochMilli()).withGrant("cycle of plan " + event.planId()
                + ": " + event.allowanceCredits() + " allowance, " + event.rolledOverCredits() + " rolled over, "
                + event.forfeitedCredits() + " forfeited" + (event.invoiceId() == null ? ""
                        : ", paid by invoice " + event.invoiceId() + " of subscription " + event.subscriptionId()),
                event.subscriptionId() == null ? "system" : "stripe:" + event.subscriptionId()));
        countFolded(event);
    }

    @EventHandler
    void on(PurchaseRefunded event, @SequenceNumber long version) {
        updateAccount(event, version);
        if (event.refundedCredits() > 0) {
            takeFromGrant(event.userId(), AccountState.purchaseGrantId(event.purchaseId()), event.refundedCredits(),
                    "REFUNDED", event.refundedAt());
        }
        String reason;
        if (event.takesOnlyUnspent()) {
            reason = "refund of purchase " + event.purchaseId() + ": " + event.requestedCredits() + " requested, "
                    + event.uncollectedCredits() + " already spent";
        } else {
            for (GrantBurn burn : event.burns()) {
                takeFromGrant(event.userId(), burn.grantId(), burn.credits(), "SPENT", event.refundedAt());
            }
            reason = "refund of purchase " + event.purchaseId() + ": " + event.requestedCredits() + " requested, "
                    + takeBackText(event.refundedCredits(), event.otherGrantsCredits(), event.uncoveredCredits());
        }
        insertTransaction(row(event, version, event.refundId()).withGrant(reason, "payment"));
        countFolded(event);
    }

    /** The three sources of a take-back, as finance reads them on the statement. */
    private static String takeBackText(long fromPurchase, long fromOtherGrants, long uncovered) {
        return fromPurchase + " from the purchase, " + fromOtherGrants + " from other grants, " + uncovered
                + " uncovered (balance below zero)";
    }

    /** The held credits leave the purchase's grant (HELD when it runs empty) until the dispute closes. */
    @EventHandler
    void on(PurchaseDisputed event, @SequenceNumber long version) {
        updateAccount(event, version);
        if (event.heldCredits() > 0) {
            takeFromGrant(event.userId(), AccountState.purchaseGrantId(event.purchaseId()), event.heldCredits(), "HELD",
                    event.disputedAt());
        }
        insertTransaction(row(event, version, event.disputeId()).withGrant("dispute " + event.disputeId()
                + " of purchase " + event.purchaseId() + ": " + event.disputedCredits() + " disputed, "
                + event.heldCredits() + " held", "payment"));
        countFolded(event);
    }

    @EventHandler
    void on(PurchaseDisputeClosed event, @SequenceNumber long version) {
        updateAccount(event, version);
        String purchaseGrant = AccountState.purchaseGrantId(event.purchaseId());
        long back = event.releasedCredits() - event.debtSettledCredits();
        if (back > 0) {
            jdbc.update("""
                    UPDATE account_grant SET remaining_credits = remaining_credits + ?, status = 'OPEN', closed_at = NULL
                    WHERE user_id = ? AND grant_id = ?""", back, event.userId(), purchaseGrant);
        } else if (event.takenHeldCredits() > 0) {
            jdbc.update("UPDATE account_grant SET status = 'CHARGED_BACK' WHERE user_id = ? AND grant_id = ? AND status = 'HELD'",
                    event.userId(), purchaseGrant);
        }
        if (event.refundedCredits() > 0) {
            takeFromGrant(event.userId(), purchaseGrant, event.refundedCredits(), "CHARGED_BACK", event.closedAt());
        }
        for (GrantBurn burn : event.burns()) {
            takeFromGrant(event.userId(), burn.grantId(), burn.credits(), "SPENT", event.closedAt());
        }
        String reason = "dispute " + event.disputeId() + " of purchase " + event.purchaseId() + " closed "
                + event.outcome() + ": " + event.releasedCredits() + " released, " + event.takenHeldCredits()
                + " held taken" + (event.takenBeyondHoldCredits() > 0 ? ", beyond the hold "
                + takeBackText(event.refundedCredits(), GrantBurn.total(event.burns()), event.uncoveredCredits()) : "");
        insertTransaction(row(event, version, event.disputeId() + ":closed").withGrant(reason, "payment"));
        countFolded(event);
    }

    @EventHandler
    void on(SubscriptionEnded event, @SequenceNumber long version) {
        updateAccount(event, version);
        insertTransaction(row(event, version, "subscription-end:" + event.subscriptionId()).withGrant("subscription "
                + event.subscriptionId() + " to plan " + event.planId() + " ended", "stripe:" + event.subscriptionId()));
        countFolded(event);
    }

    private void updateAccount(LedgerEvent event, long version) {
        AccountBalance after = event.after();
        // The previous version must be the one stored: anything else means the read model lost an event.
        int updated = jdbc.update("""
                UPDATE account SET balance_credits = ?, cycle_credits = ?, spent_cycle_credits = ?, status = ?,
                                   version = ?, updated_at = ?, cycle_cap_credits = ?, spendable_credits = ?,
                                   plan_id = ?, cycle_started_at = ?, cycle_ends_at = ?
                WHERE user_id = ? AND version = ?""",
                after.balanceCredits(), after.cycleCredits(), after.spentCycleCredits(), after.status().name(), version,
                ts(event.occurredAt()), after.cycleCapCredits(), after.spendableCredits(), after.planId(),
                tsOrNull(after.cycleStartedAt()), tsOrNull(after.cycleEndsAt()), event.userId(), version - 1);
        if (updated != 1) {
            throw new IllegalStateException("account read model of " + event.userId() + " is not at version " + (version - 1));
        }
    }

    private void insertGrant(String userId, long version, String grantId, GrantCategory category, long amountCredits,
            long debtSettledCredits, int priority, Instant expiresAt, Instant grantedAt, String reason, String actor) {
        long remaining = amountCredits - debtSettledCredits;
        jdbc.update("""
                INSERT INTO account_grant (user_id, grant_id, category, amount_credits, remaining_credits, status,
                                           priority, expires_at, granted_at, granted_version, closed_at, reason, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                userId, grantId, category.name(), amountCredits, remaining, remaining > 0 ? "OPEN" : "SPENT", priority,
                expiresAt == null ? null : ts(expiresAt), ts(grantedAt), version, remaining > 0 ? null : ts(grantedAt), reason,
                actor);
    }

    /** Takes credits from a grant; when it runs empty it closes with {@code closedStatus}. */
    private void takeFromGrant(String userId, String grantId, long credits, String closedStatus, Instant at) {
        int updated = jdbc.update("""
                UPDATE account_grant SET remaining_credits = remaining_credits - ?,
                       status = CASE WHEN remaining_credits = ? THEN ? ELSE status END,
                       closed_at = CASE WHEN remaining_credits = ? THEN ? ELSE closed_at END
                WHERE user_id = ? AND grant_id = ? AND status = 'OPEN' AND remaining_credits >= ?""",
                credits, credits, closedStatus, credits, ts(at), userId, grantId, credits);
        if (updated != 1) {
            throw new IllegalStateException("grant " + grantId + " of " + userId + " does not hold " + credits + " credits");
        }
    }

    private static TransactionRow row(LedgerEvent event, long version, String eventId) {
        return new TransactionRow(event.userId(), version, TransactionType.valueOf(event.changeType()),
                event.amountCredits(), event.after().balanceCredits(), eventId, event.occurredAt());
    }

    private void insertTransaction(TransactionRow row) {
        jdbc.update("""
                INSERT INTO account_transaction (user_id, version, type, amount_credits, balance_after_credits, event_id,
                    occurred_at, model, prompt_tokens, cached_prompt_tokens, completion_tokens, reasoning_tokens,
                    usage_source, request_id, reason, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                row.userId(), row.version(), row.type().name(), row.amountCredits(), row.balanceAfterCredits(),
                row.eventId(), ts(row.occurredAt()), row.model(), row.promptTokens(), row.cachedPromptTokens(),
                row.completionTokens(), row.reasoningTokens(), row.usageSource(), row.requestId(), row.reason(),
                row.actor());
    }

    /** Counted after the commit, so a rolled-back command is never counted as folded. */
    private void countFolded(LedgerEvent event) {
        String type = event.getClass().getSimpleName();
        Runnable count = () -> meters.counter("ledger.events.folded", "type", type).increment();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    count.run();
                }
            });
        } else {
            count.run();
        }
    }

    private static Timestamp tsOrNull(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
