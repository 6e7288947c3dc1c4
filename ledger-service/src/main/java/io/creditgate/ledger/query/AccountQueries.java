package io.creditgate.ledger.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.creditgate.ledger.account.AccountBalance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the account read model. */
@Component
public class AccountQueries {

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final org.springframework.transaction.support.TransactionTemplate readOnly;

    AccountQueries(JdbcTemplate jdbc, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(1_000);
        this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The account of a user, empty when the ledger never saw the user. */
    public Optional<AccountView> findAccount(String userId) {
        List<AccountView> rows = jdbc.query("""
                SELECT user_id, balance_credits, cycle_credits, spent_cycle_credits, status, version, opened_at, updated_at,
                       cycle_cap_credits, spendable_credits, plan_id, cycle_started_at, cycle_ends_at
                FROM account WHERE user_id = ?""", AccountQueries::account, userId);
        return rows.stream().findFirst().map(account -> new AccountView(account.userId(), account.balanceCredits(),
                account.cycleCredits(), account.spentCycleCredits(), account.utilisationBasisPoints(),
                account.spendableCredits(), account.cycleCapCredits(), account.status(), account.version(),
                account.planId(), account.cycleStartedAt(), account.cycleEndsAt(), account.openedAt(), account.updatedAt(), findGrants(userId, true)));
    }

    /**
     * The grants of a user in burn order (the order of {@code Grant.BURN_ORDER}: expiry first, never-expiring
     * last, then priority, promotional before paid, older first); closed ones after the open ones when asked.
     */
    public List<GrantView> findGrants(String userId, boolean openOnly) {
        return jdbc.query("""
                SELECT grant_id, category, amount_credits, remaining_credits, status, priority, expires_at, granted_at,
                       closed_at, reason, actor
                FROM account_grant WHERE user_id = ? AND (status = 'OPEN' OR NOT ?)
                ORDER BY status <> 'OPEN', expires_at ASC NULLS LAST, priority,
                         CASE category WHEN 'PROMOTIONAL' THEN 0 ELSE 1 END, granted_version""",
                AccountQueries::grant, userId, openOnly);
    }

    private static GrantView grant(ResultSet rs, int row) throws SQLException {
        return new GrantView(rs.getString("grant_id"), rs.getString("category"), rs.getLong("amount_credits"),
                rs.getLong("remaining_credits"), rs.getString("status"), rs.getInt("priority"),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("granted_at")),
                instant(rs.getTimestamp("closed_at")), rs.getString("reason"), rs.getString("actor"));
    }

    /** One page of the statement, newest first. */
    TransactionPage findTransactions(String userId, int page, int size) {
        return findTransactions(new TransactionFilter(userId, java.util.Set.of(), null, null), page, size);
    }

    /** A page of the statement lines that pass {@code filter}, newest first. */
    TransactionPage findTransactions(TransactionFilter filter, int page, int size) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM account_transaction" + filter.where(), Long.class,
                filter.args().toArray());
        List<Object> args = new java.util.ArrayList<>(filter.args());
        args.add(size);
        args.add((long) page * size);
        List<TransactionView> items = jdbc.query(TRANSACTION_COLUMNS + filter.where() + " ORDER BY version DESC LIMIT ? OFFSET ?",
                AccountQueries::transaction, args.toArray());
        return new TransactionPage(filter.userId(), page, size, total == null ? 0 : total, items);
    }

    /**
     * Every statement line that passes {@code filter}, oldest first, to {@code sink}, streamed from PostgreSQL in
     * batches (a read-only transaction: the driver only streams with a cursor inside one).
     */
    void streamTransactions(TransactionFilter filter, java.util.function.Consumer<TransactionView> sink) {
        readOnly.executeWithoutResult(status -> streaming.query(TRANSACTION_COLUMNS + filter.where() + " ORDER BY version",
                rs -> {
                    sink.accept(transaction(rs, 0));
                }, filter.args().toArray()));
    }

    /** A page of the accounts that match {@code search}, in its order, and how many match in all. */
    AccountListPage findAccounts(AccountSearch search) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM account" + search.where(), Long.class,
                search.args().toArray());
        List<Object> args = new java.util.ArrayList<>(search.args());
        args.add(search.size());
        args.add((long) search.page() * search.size());
        List<AccountListItem> items = jdbc.query(LIST_COLUMNS + search.where() + search.orderBy() + " LIMIT ? OFFSET ?",
                (rs, row) -> new AccountListItem(rs.getString("user_id"), rs.getLong("balance_credits"),
                        rs.getLong("spendable_credits"), rs.getLong("cycle_credits"), rs.getLong("spent_cycle_credits"),
                        nullableLong(rs, "cycle_cap_credits"), rs.getString("status"), rs.getString("plan_id"),
                        instant(rs.getTimestamp("cycle_ends_at")), instant(rs.getTimestamp("updated_at"))),
                args.toArray());
        return new AccountListPage(items, search.page(), search.size(), total == null ? 0 : total);
    }

    private static final String LIST_COLUMNS = """
            SELECT user_id, balance_credits, spendable_credits, cycle_credits, spent_cycle_credits, cycle_cap_credits,
                   status, plan_id, cycle_ends_at, updated_at
            FROM account""";

    private static final String TRANSACTION_COLUMNS = """
            SELECT version, type, amount_credits, balance_after_credits, event_id, occurred_at, model, prompt_tokens,
                   cached_prompt_tokens, completion_tokens, reasoning_tokens, usage_source, request_id, reason, actor
            FROM account_transaction""";

    private static AccountView account(ResultSet rs, int row) throws SQLException {
        AccountBalance balance = new AccountBalance(rs.getLong("balance_credits"), rs.getLong("cycle_credits"),
                rs.getLong("spent_cycle_credits"));
        return new AccountView(rs.getString("user_id"), balance.balanceCredits(), balance.cycleCredits(),
                balance.spentCycleCredits(), balance.utilisationBasisPoints(), rs.getLong("spendable_credits"),
                nullableLong(rs, "cycle_cap_credits"), rs.getString("status"), rs.getLong("version"),
                rs.getString("plan_id"), instant(rs.getTimestamp("cycle_started_at")),
                instant(rs.getTimestamp("cycle_ends_at")), instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("updated_at")), List.of());
    }

    private static TransactionView transaction(ResultSet rs, int row) throws SQLException {
        return new TransactionView(rs.getLong("version"), rs.getString("type"), rs.getLong("amount_credits"),
                rs.getLong("balance_after_credits"), rs.getString("event_id"), instant(rs.getTimestamp("occurred_at")),
                rs.getString("model"), nullableLong(rs, "prompt_tokens"), nullableLong(rs, "cached_prompt_tokens"),
                nullableLong(rs, "completion_tokens"), nullableLong(rs, "reasoning_tokens"), rs.getString("usage_source"),
                rs.getString("request_id"), rs.getString("reason"), rs.getString("actor"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
