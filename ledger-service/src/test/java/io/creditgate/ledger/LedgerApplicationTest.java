package io.creditgate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.creditgate.ledger.account.GrantCredits;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The wiring that the rest of the suite relies on, checked directly so a regression names itself. */
class LedgerApplicationTest extends LedgerServiceTestBase {

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager axonTransactions;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    CommandGateway commands;

    @Test
    void axonStoresEventsAndTokensInPostgresUnderSpringTransactions() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(axonTransactions).isInstanceOf(SpringTransactionManager.class);
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", String.class))
                .contains("domainevententry", "snapshotevententry", "tokenentry", "processed_event", "account",
                        "account_transaction");
    }

    @Test
    void theEventAppendAndTheReadModelJoinTheCallersTransaction() {
        String user = newUserId();

        transactions.executeWithoutResult(status -> {
            commands.sendAndWait(new GrantCredits(user, "g-1", 5, "rolled back", "test", Instant.now(), STARTING_CREDITS));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, user)).as("visible inside the transaction").isEqualTo(2);
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, user)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account WHERE user_id = ?", Long.class, user)).isZero();
    }

    @Test
    void healthAndPrometheusAreServed() {
        assertThat(get("/actuator/health").status()).isEqualTo(200);
        Response prometheus = get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("ledger_usage_duplicates_total", "ledger_usage_unreadable_total",
                "ledger_usage_fold_latency_seconds");
    }
}
