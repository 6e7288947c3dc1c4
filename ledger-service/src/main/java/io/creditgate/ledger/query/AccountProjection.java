package io.creditgate.ledger.query;

import java.sql.Timestamp;
import java.time.Instant;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.AccountOpened;
import io.creditgate.ledger.account.AccountStatus;
import io.creditgate.ledger.account.CreditsGranted;
import io.creditgate.ledger.account.UsageCharged;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the {@code account} and {@code account_transaction} tables. A subscribing processor: it runs
 * inside the transaction that appends the event, so the read model never lags nor drifts from the store.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class AccountProjection {

    static final String PROCESSING_GROUP = "account-read-model";

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
                                     opened_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                event.userId(), after.balanceCredits(), after.cycleCredits(), after.spentCycleCredits(),
                AccountStatus.of(after.balanceCredits()).name(), version, ts(event.openedAt()), ts(event.openedAt()));
        insertTransaction(new TransactionRow(event.userId(), version, TransactionType.OPENED, event.startingCredits(),
                after.balanceCredits(), message.getIdentifier(), event.openedAt()));
        countFolded(AccountOpened.class);
    }

    @EventHandler
    void on(CreditsGranted event, @SequenceNumber long version) {
        updateAccount(event.userId(), event.after(), version, event.grantedAt());
        TransactionRow row = new TransactionRow(event.userId(), version, TransactionType.GRANT, event.amountCredits(),
                event.after().balanceCredits(), event.grantId(), event.grantedAt());
        insertTransaction(row.withGrant(event.reason(), event.actor()));
        countFolded(CreditsGranted.class);
    }

    @EventHandler
    void on(UsageCharged event, @SequenceNumber long version) {
        updateAccount(event.userId(), event.after(), version, event.occurredAt());
        TransactionRow row = new TransactionRow(event.userId(), version, TransactionType.USAGE,
                Math.negateExact(event.costCredits()), event.after().balanceCredits(), event.eventId(), event.occurredAt());
        insertTransaction(row.withUsage(event.model(), event.tokens(), event.usageSource(), event.requestId()));
        countFolded(UsageCharged.class);
    }

    private void updateAccount(String userId, AccountBalance after, long version, Instant at) {
        // The previous version must be the one stored: anything else means the read model lost an event.
        int updated = jdbc.update("""
                UPDATE account SET balance_credits = ?, cycle_credits = ?, spent_cycle_credits = ?, status = ?,
                                   version = ?, updated_at = ?
                WHERE user_id = ? AND version = ?""",
                after.balanceCredits(), after.cycleCredits(), after.spentCycleCredits(),
                AccountStatus.of(after.balanceCredits()).name(), version, ts(at), userId, version - 1);
        if (updated != 1) {
            throw new IllegalStateException("account read model of " + userId + " is not at version " + (version - 1));
        }
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
    private void countFolded(Class<?> eventType) {
        Runnable count = () -> meters.counter("ledger.events.folded", "type", eventType.getSimpleName()).increment();
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

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
