package io.creditgate.ledger;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import io.creditgate.ledger.account.Grant;
import io.creditgate.ledger.account.JournalGenerator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes generated journals ({@link JournalGenerator}) straight into the event store, with what the ledger holds for
 * them written as plain arithmetic (balance, cycle, spent kept by addition in the generator, apart from the fold):
 * the account row and its open grants. Call inside a transaction. (The read-model projection itself is exercised on
 * accounts made through the API; projecting 100,000 events would take minutes on two cores, decision 21.)
 */
public final class GeneratedJournals {

    public static void store(JdbcTemplate jdbc, EventStorageEngine storageEngine, List<JournalGenerator.Account> accounts) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> grants = new ArrayList<>();
        for (JournalGenerator.Account account : accounts) {
            events.addAll(account.events());
            rows.add(new Object[] {account.userId(), account.expectedBalance(), account.expectedCycle(),
                    account.expectedSpent(), account.expectedBalance() > 0 ? "ACTIVE" : "EXHAUSTED", account.version(),
                    Timestamp.from(account.openedAt()), Timestamp.from(account.lastAt()), account.expectedBalance(),
                    account.planId(), Timestamp.from(account.cycleStartedAt()),
                    account.cycleEndsAt() == null ? null : Timestamp.from(account.cycleEndsAt())});
            for (Grant grant : account.openGrants()) {
                grants.add(new Object[] {account.userId(), grant.grantId(), grant.category().name(), grant.amountCredits(),
                        grant.remainingCredits(), grant.priority(),
                        grant.expiresAt() == null ? null : Timestamp.from(grant.expiresAt()),
                        Timestamp.from(grant.grantedAt()), grant.order()});
            }
        }
        storageEngine.appendEvents(events);
        jdbc.batchUpdate("""
                INSERT INTO account (user_id, balance_credits, cycle_credits, spent_cycle_credits, status, version,
                                     opened_at, updated_at, spendable_credits, plan_id, cycle_started_at, cycle_ends_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
        jdbc.batchUpdate("""
                INSERT INTO account_grant (user_id, grant_id, category, amount_credits, remaining_credits, status, priority,
                                           expires_at, granted_at, granted_version) VALUES (?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""",
                grants);
    }

    private GeneratedJournals() {
    }
}
