package io.creditgate.ledger.replay;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's figures the replay checks: the read model's accounts and open grants, in the replay's snapshot. */
final class LedgerReadModel {

    private final JdbcTemplate jdbc;

    LedgerReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Account(Long balance, Long cycle, Long spent, Long cap, Long version, String planId, Instant cycleStartedAt,
            Instant cycleEndsAt, Map<String, Long> openGrants) {
    }

    Map<String, Account> accounts() {
        Map<String, Account> accounts = new HashMap<>();
        jdbc.query("""
                SELECT user_id, balance_credits, cycle_credits, spent_cycle_credits, cycle_cap_credits, version, plan_id,
                       cycle_started_at, cycle_ends_at FROM account""",
                rs -> {
                    accounts.put(rs.getString(1), new Account(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getObject(5, Long.class), rs.getLong(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), new HashMap<>()));
                });
        jdbc.query("SELECT user_id, grant_id, remaining_credits FROM account_grant WHERE status = 'OPEN'", rs -> {
            Account account = accounts.get(rs.getString(1));
            if (account != null) {
                account.openGrants().put(rs.getString(2), rs.getLong(3));
            }
        });
        return accounts;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
