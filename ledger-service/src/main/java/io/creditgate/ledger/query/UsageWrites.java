package io.creditgate.ledger.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.GrantBurn;
import io.creditgate.ledger.account.UsageCharged;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read-model writes of a batch of {@link UsageCharged} (decision 35), held until the batch's unit of work prepares
 * its commit and then written in ONE statement, inside the same transaction: a statement line per event, one update
 * per account (to its last state) and one per grant burnt (the sum of its burns). That is one round trip for a poll
 * instead of one per usage.
 *
 * <p>The checks are those of one event at a time: each account must be stored at the version before its first event
 * of the batch (and its events of the batch must follow each other), and each grant must be open and hold what its
 * burns take. Any other event of the batch writes the pending usage first ({@link AccountProjection}), so rows are
 * written in the order of the events.
 */
final class UsageWrites {

    /**
     * Data-modifying CTEs: each runs exactly once, whatever the outer SELECT reads. {@code bucket} adds the batch's
     * lines, summed per user, model and quarter hour first (one upsert may not touch a row twice), to
     * {@code usage_bucket} (decision 55): in the same statement as the lines, so the aggregate holds exactly the lines
     * that exist. It reads what {@code line} inserted, through RETURNING (the CTEs share one snapshot, so the table
     * itself would not show them yet).
     */
    private static final String STATEMENT = """
            WITH acct AS (
                UPDATE account a SET balance_credits = x.balance, cycle_credits = x.cycle, spent_cycle_credits = x.spent,
                                     status = x.status, version = x.version, updated_at = x.updated_at::timestamptz,
                                     cycle_cap_credits = x.cap, spendable_credits = x.spendable, plan_id = x.plan_id,
                                     cycle_started_at = x.cycle_started_at::timestamptz,
                                     cycle_ends_at = x.cycle_ends_at::timestamptz
                FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[],
                            ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[])
                     AS x(user_id, previous_version, balance, cycle, spent, status, version, updated_at, cap, spendable,
                          plan_id, cycle_started_at, cycle_ends_at)
                WHERE a.user_id = x.user_id AND a.version = x.previous_version RETURNING 1),
            line AS (
                INSERT INTO account_transaction (user_id, version, type, amount_credits, balance_after_credits, event_id,
                    occurred_at, model, prompt_tokens, cached_prompt_tokens, completion_tokens, reasoning_tokens,
                    usage_source, request_id)
                SELECT l.user_id, l.version, 'USAGE', l.amount, l.balance_after, l.event_id, l.occurred_at::timestamptz,
                       l.model, l.prompt, l.cached, l.completion, l.reasoning, l.usage_source, l.request_id
                FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                            ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[], ?::text[])
                     AS l(user_id, version, amount, balance_after, event_id, occurred_at, model, prompt, cached,
                          completion, reasoning, usage_source, request_id)
                RETURNING user_id, occurred_at, model, amount_credits, prompt_tokens, cached_prompt_tokens,
                          completion_tokens, reasoning_tokens),
            bucket AS (
                INSERT INTO usage_bucket AS u (user_id, bucket_start, model, calls, cost_credits, prompt, cached,
                                               completion, reasoning)
                SELECT user_id, date_bin('15 minutes', occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00'), model,
                       count(*), -sum(amount_credits), COALESCE(sum(prompt_tokens), 0),
                       COALESCE(sum(cached_prompt_tokens), 0), COALESCE(sum(completion_tokens), 0),
                       COALESCE(sum(reasoning_tokens), 0)
                FROM line GROUP BY 1, 2, 3
                ON CONFLICT (user_id, bucket_start, model) DO UPDATE SET calls = u.calls + excluded.calls,
                       cost_credits = u.cost_credits + excluded.cost_credits, prompt = u.prompt + excluded.prompt,
                       cached = u.cached + excluded.cached, completion = u.completion + excluded.completion,
                       reasoning = u.reasoning + excluded.reasoning
                RETURNING 1),
            burnt AS (
                UPDATE account_grant g SET remaining_credits = g.remaining_credits - b.credits,
                       status = CASE WHEN g.remaining_credits = b.credits THEN 'SPENT' ELSE g.status END,
                       closed_at = CASE WHEN g.remaining_credits = b.credits THEN b.last_at::timestamptz ELSE g.closed_at END
                FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[]) AS b(user_id, grant_id, credits, last_at)
                WHERE g.user_id = b.user_id AND g.grant_id = b.grant_id AND g.status = 'OPEN'
                  AND g.remaining_credits >= b.credits RETURNING 1)
            SELECT (SELECT count(*) FROM acct), (SELECT count(*) FROM burnt), (SELECT count(*) FROM line),
                   (SELECT count(*) FROM bucket)""";

    /** The width of a usage bucket: a quarter hour, the greatest common divisor of the zone offsets in use. */
    static final long BUCKET_SECONDS = 900;

    private final List<UsageCharged> events = new ArrayList<>();
    private final List<Long> versions = new ArrayList<>();

    void add(UsageCharged event, long version) {
        events.add(event);
        versions.add(version);
    }

    /** Writes what is pending (nothing when empty) and forgets it; throws when the read model is not where it must be. */
    void flush(JdbcTemplate jdbc) {
        if (events.isEmpty()) {
            return;
        }
        Map<String, AccountUpdate> accounts = new LinkedHashMap<>();
        Map<List<String>, BurnTotal> burns = new LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            UsageCharged event = events.get(i);
            long version = versions.get(i);
            accounts.merge(event.userId(), new AccountUpdate(version - 1, version, event.after(), event.occurredAt()),
                    AccountUpdate::then);
            for (GrantBurn burn : event.burns()) {
                burns.merge(List.of(event.userId(), burn.grantId()), new BurnTotal(burn.credits(), event.occurredAt()),
                        BurnTotal::then);
            }
        }
        long[] counts = jdbc.execute((Connection connection) -> write(connection, accounts, burns));
        if (counts[0] != accounts.size()) {
            throw new IllegalStateException("the account read model of " + (accounts.size() - counts[0]) + " of "
                    + accounts.keySet() + " is not at the version before their usage");
        }
        if (counts[1] != burns.size()) {
            throw new IllegalStateException("the grants do not hold the burns of the usage of " + accounts.keySet());
        }
        if (counts[2] != events.size()) {
            throw new IllegalStateException("wrote " + counts[2] + " statement lines for " + events.size() + " usage events");
        }
        long buckets = events.stream().map(e -> List.of(e.userId(), bucketStart(e.occurredAt()), e.model())).distinct().count();
        if (counts[3] != buckets) {
            throw new IllegalStateException("wrote " + counts[3] + " usage buckets for " + buckets);
        }
        events.clear();
        versions.clear();
    }

    private long[] write(Connection connection, Map<String, AccountUpdate> accounts, Map<List<String>, BurnTotal> burns)
            throws SQLException {
        List<Array> columns = new ArrayList<>();
        columns.addAll(accountColumns(connection, accounts));
        columns.addAll(lineColumns(connection));
        columns.addAll(burnColumns(connection, burns));
        try (PreparedStatement statement = connection.prepareStatement(STATEMENT)) {
            int parameter = 1;
            for (Array column : columns) {
                statement.setArray(parameter++, column);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new long[] {result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4)};
            }
        }
    }

    private static List<Array> accountColumns(Connection connection, Map<String, AccountUpdate> accounts)
            throws SQLException {
        int n = accounts.size();
        String[] users = new String[n];
        Long[] previous = new Long[n];
        Long[] balance = new Long[n];
        Long[] cycle = new Long[n];
        Long[] spent = new Long[n];
        String[] status = new String[n];
        Long[] version = new Long[n];
        String[] updatedAt = new String[n];
        Long[] cap = new Long[n];
        Long[] spendable = new Long[n];
        String[] plan = new String[n];
        String[] cycleStartedAt = new String[n];
        String[] cycleEndsAt = new String[n];
        int i = 0;
        for (Map.Entry<String, AccountUpdate> entry : accounts.entrySet()) {
            AccountUpdate update = entry.getValue();
            AccountBalance after = update.after();
            users[i] = entry.getKey();
            previous[i] = update.previousVersion();
            balance[i] = after.balanceCredits();
            cycle[i] = after.cycleCredits();
            spent[i] = after.spentCycleCredits();
            status[i] = after.status().name();
            version[i] = update.version();
            updatedAt[i] = update.at().toString();
            cap[i] = after.cycleCapCredits();
            spendable[i] = after.spendableCredits();
            plan[i] = after.planId();
            cycleStartedAt[i] = text(after.cycleStartedAt());
            cycleEndsAt[i] = text(after.cycleEndsAt());
            i++;
        }
        return List.of(texts(connection, users), longs(connection, previous), longs(connection, balance),
                longs(connection, cycle), longs(connection, spent), texts(connection, status), longs(connection, version),
                texts(connection, updatedAt), longs(connection, cap), longs(connection, spendable), texts(connection, plan),
                texts(connection, cycleStartedAt), texts(connection, cycleEndsAt));
    }

    private List<Array> lineColumns(Connection connection) throws SQLException {
        int n = events.size();
        String[] users = new String[n];
        Long[] version = new Long[n];
        Long[] amount = new Long[n];
        Long[] balanceAfter = new Long[n];
        String[] eventId = new String[n];
        String[] occurredAt = new String[n];
        String[] model = new String[n];
        Long[] prompt = new Long[n];
        Long[] cached = new Long[n];
        Long[] completion = new Long[n];
        Long[] reasoning = new Long[n];
        String[] usageSource = new String[n];
        String[] requestId = new String[n];
        for (int i = 0; i < n; i++) {
            UsageCharged event = events.get(i);
            users[i] = event.userId();
            version[i] = versions.get(i);
            amount[i] = event.amountCredits();
            balanceAfter[i] = event.after().balanceCredits();
            eventId[i] = event.eventId();
            occurredAt[i] = event.occurredAt().toString();
            model[i] = event.model();
            prompt[i] = event.tokens().promptTokens();
            cached[i] = event.tokens().cachedPromptTokens();
            completion[i] = event.tokens().completionTokens();
            reasoning[i] = event.tokens().reasoningTokens();
            usageSource[i] = event.usageSource();
            requestId[i] = event.requestId();
        }
        return List.of(texts(connection, users), longs(connection, version), longs(connection, amount),
                longs(connection, balanceAfter), texts(connection, eventId), texts(connection, occurredAt),
                texts(connection, model), longs(connection, prompt), longs(connection, cached),
                longs(connection, completion), longs(connection, reasoning), texts(connection, usageSource),
                texts(connection, requestId));
    }

    private static List<Array> burnColumns(Connection connection, Map<List<String>, BurnTotal> burns)
            throws SQLException {
        int n = burns.size();
        String[] users = new String[n];
        String[] grants = new String[n];
        Long[] credits = new Long[n];
        String[] lastAt = new String[n];
        int i = 0;
        for (Map.Entry<List<String>, BurnTotal> entry : burns.entrySet()) {
            users[i] = entry.getKey().get(0);
            grants[i] = entry.getKey().get(1);
            credits[i] = entry.getValue().credits();
            lastAt[i] = entry.getValue().lastAt().toString();
            i++;
        }
        return List.of(texts(connection, users), texts(connection, grants), longs(connection, credits),
                texts(connection, lastAt));
    }

    private static Array texts(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static Array longs(Connection connection, Long[] values) throws SQLException {
        return connection.createArrayOf("bigint", values);
    }

    /** The quarter hour an instant falls in, as {@code usage_bucket.bucket_start} (UTC, floored to 15 minutes). */
    static Instant bucketStart(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS);
    }

    /** Instants go as ISO-8601 text (exact, zone-free) and are cast back in SQL. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** An account's usage in the batch: from the version before its first event to its state after the last. */
    private record AccountUpdate(long previousVersion, long version, AccountBalance after, Instant at) {

        AccountUpdate then(AccountUpdate next) {
            if (next.previousVersion() != version) {
                throw new IllegalStateException("usage events of one account out of sequence: version " + version
                        + " then " + next.version());
            }
            return new AccountUpdate(previousVersion, next.version(), next.after(), next.at());
        }
    }

    /** A grant's burns in the batch: what they take together, and when the last one took (it closes a spent grant). */
    private record BurnTotal(long credits, Instant lastAt) {

        BurnTotal then(BurnTotal next) {
            return new BurnTotal(Math.addExact(credits, next.credits()), next.lastAt());
        }
    }
}
