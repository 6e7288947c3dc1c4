package io.creditgate.ledger.replay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.AccountState;
import io.creditgate.ledger.account.Grant;
import io.creditgate.ledger.account.JournalChain;
import io.creditgate.ledger.account.LedgerEvent;
import io.creditgate.ledger.replay.ReplayReport.BrokenLink;
import io.creditgate.ledger.replay.ReplayReport.Discrepancy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit replay: reads the whole journal (Axon's {@code domainevententry}, in global order) into a fresh
 * in-memory fold per account ({@link AccountState}, the aggregate's own fold), verifies each account's hash
 * chain ({@link JournalChain}) and compares balance, cycle, cap, version and every open grant's remaining amount
 * with the read model. Journal and read model are read in one repeatable-read transaction: one snapshot.
 */
@Component
public class AuditReplay {

    private static final String ACCOUNT_AGGREGATE = "CreditAccount";
    private static final int FETCH_SIZE = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Accounts are independent: their folds run in parallel, each account always on the same worker, in order. */
    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private static final int CHUNK = 1_000;
    private static final byte[] HASH_KEY = ("\"" + JournalChain.PREVIOUS_HASH + "\":\"").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Serializer eventSerializer;
    private final Clock clock;
    private final Timer duration;

    AuditReplay(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            @Qualifier("eventSerializer") Serializer eventSerializer, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.eventSerializer = eventSerializer;
        this.clock = clock;
        this.duration = Timer.builder("ledger.replay.duration").description("audit replays, whole journal")
                .register(meters);
    }

    /** Replays every account; {@code progress} receives the number of events read so far (out of {@link #countEvents()}). */
    public ReplayReport run(LongConsumer progress) {
        return duration.record(() -> snapshot.execute(tx -> replay(progress)));
    }

    /** The number of journal events, for a progress bar. */
    public long countEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = ?", Long.class, ACCOUNT_AGGREGATE);
    }

    private ReplayReport replay(LongConsumer progress) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        long[] events = {0};
        Folders folders = new Folders(WORKERS, eventSerializer);
        try {
            jdbc.query(connection -> {
                java.sql.PreparedStatement statement = connection.prepareStatement("""
                        SELECT aggregateidentifier, sequencenumber, payloadtype, payloadrevision, payload, metadata
                        FROM domainevententry WHERE type = ? ORDER BY globalindex""");
                statement.setFetchSize(FETCH_SIZE);
                binaryTransfer(statement);
                statement.setString(1, ACCOUNT_AGGREGATE);
                return statement;
            }, rs -> {
                folders.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBytes(5),
                        rs.getBytes(6)));
                if (++events[0] % FETCH_SIZE == 0) {
                    progress.accept(events[0]);
                }
            });
        } finally {
            folders.finish();
        }
        progress.accept(events[0]);
        long replayNanos = Math.max(1, System.nanoTime() - startNanos);
        Map<String, Replayed> accounts = new java.util.TreeMap<>();
        folders.accounts().forEach(accounts::putAll);

        List<BrokenLink> broken = new ArrayList<>();
        List<Discrepancy> discrepancies = new ArrayList<>();
        Map<String, LedgerAccount> ledger = ledgerAccounts();
        for (Replayed account : accounts.values()) {
            if (account.broken != null) {
                broken.add(account.broken);
                continue;
            }
            compare(account, ledger.remove(account.userId), discrepancies);
        }
        for (String missing : ledger.keySet()) {
            discrepancies.add(new Discrepancy(missing, "account", "present", null));
        }
        return new ReplayReport(started, events[0], accounts.size(), (System.nanoTime() - startNanos) / 1_000_000,
                events[0] * 1_000_000_000L / replayNanos, broken.isEmpty() && discrepancies.isEmpty(), broken,
                discrepancies);
    }

    private static void compare(Replayed account, LedgerAccount ledger, List<Discrepancy> out) {
        String user = account.userId;
        if (ledger == null) {
            out.add(new Discrepancy(user, "account", null, "present"));
            return;
        }
        AccountBalance folded = account.state.balance();
        same(out, user, "balanceCredits", ledger.balance, folded.balanceCredits());
        same(out, user, "cycleCredits", ledger.cycle, folded.cycleCredits());
        same(out, user, "spentCycleCredits", ledger.spent, folded.spentCycleCredits());
        same(out, user, "cycleCapCredits", ledger.cap, folded.cycleCapCredits());
        same(out, user, "version", ledger.version, account.chain.nextSequence() - 1);
        sameText(out, user, "planId", ledger.planId, folded.planId());
        sameText(out, user, "cycleStartedAt", ledger.cycleStartedAt, folded.cycleStartedAt());
        sameText(out, user, "cycleEndsAt", ledger.cycleEndsAt, folded.cycleEndsAt());
        Map<String, Long> grants = new TreeMap<>();
        for (Grant grant : account.state.openGrantsInBurnOrder()) {
            grants.put(grant.grantId(), grant.remainingCredits());
        }
        for (Map.Entry<String, Long> grant : grants.entrySet()) {
            same(out, user, "grant " + grant.getKey() + " remainingCredits", ledger.openGrants.remove(grant.getKey()),
                    grant.getValue());
        }
        ledger.openGrants.forEach((grantId, remaining) ->
                out.add(new Discrepancy(user, "grant " + grantId + " remainingCredits", remaining.toString(), null)));
    }

    private static void sameText(List<Discrepancy> out, String user, String field, Object ledger, Object replay) {
        if (!Objects.equals(ledger, replay)) {
            out.add(new Discrepancy(user, field, Objects.toString(ledger, null), Objects.toString(replay, null)));
        }
    }

    private static void same(List<Discrepancy> out, String user, String field, Long ledger, Long replay) {
        if (!Objects.equals(ledger, replay)) {
            out.add(new Discrepancy(user, field, Objects.toString(ledger, null), Objects.toString(replay, null)));
        }
    }

    private Map<String, LedgerAccount> ledgerAccounts() {
        Map<String, LedgerAccount> accounts = new HashMap<>();
        jdbc.query("""
                SELECT user_id, balance_credits, cycle_credits, spent_cycle_credits, cycle_cap_credits, version, plan_id,
                       cycle_started_at, cycle_ends_at FROM account""",
                rs -> {
                    accounts.put(rs.getString(1), new LedgerAccount(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getObject(5, Long.class), rs.getLong(6), rs.getString(7), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), new HashMap<>()));
                });
        jdbc.query("SELECT user_id, grant_id, remaining_credits FROM account_grant WHERE status = 'OPEN'", rs -> {
            LedgerAccount account = accounts.get(rs.getString(1));
            if (account != null) {
                account.openGrants.put(rs.getString(2), rs.getLong(3));
            }
        });
        return accounts;
    }

    /**
     * pgjdbc sends bytea as hex text unless the statement is server-prepared; a one-off query is not, so ask for binary
     * transfer from the first execution (prepareThreshold -1). Reflection: the driver is a runtime dependency.
     */
    private static void binaryTransfer(java.sql.PreparedStatement statement) {
        try {
            Class<?> pgStatement = Class.forName("org.postgresql.PGStatement");
            if (statement.isWrapperFor(pgStatement)) {
                pgStatement.getMethod("setPrepareThreshold", int.class).invoke(statement.unwrap(pgStatement), -1);
            }
        } catch (ReflectiveOperationException | SQLException e) {
            // Another driver: the replay is correct either way, only slower.
        }
    }

    /** One journal row as read. */
    private record Row(String userId, long sequence, String payloadType, String payloadRevision, byte[] payload,
            byte[] metadata) {
    }

    /**
     * Folds rows on worker threads: the reader hands each row to the worker of its account (by hash), in chunks, so an
     * account's events stay in order on one thread.
     */
    private static final class Folders {

        private static final List<Row> END = List.of();
        private final List<java.util.concurrent.BlockingQueue<List<Row>>> queues = new ArrayList<>();
        private final List<List<Row>> pending = new ArrayList<>();
        private final List<Map<String, Replayed>> accounts = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure =
                new java.util.concurrent.atomic.AtomicReference<>();

        Folders(int workers, Serializer serializer) {
            for (int i = 0; i < workers; i++) {
                java.util.concurrent.BlockingQueue<List<Row>> queue = new java.util.concurrent.ArrayBlockingQueue<>(16);
                Map<String, Replayed> mine = new HashMap<>();
                queues.add(queue);
                pending.add(new ArrayList<>(CHUNK));
                accounts.add(mine);
                Thread thread = new Thread(() -> fold(queue, mine, serializer), "audit-replay-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void fold(java.util.concurrent.BlockingQueue<List<Row>> queue, Map<String, Replayed> mine,
                Serializer serializer) {
            try {
                for (List<Row> chunk = queue.take(); chunk != END; chunk = queue.take()) {
                    for (Row row : chunk) {
                        mine.computeIfAbsent(row.userId(), Replayed::new).fold(row, serializer);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                queue.clear();
            }
        }

        void add(Row row) {
            int worker = Math.floorMod(row.userId().hashCode(), queues.size());
            List<Row> chunk = pending.get(worker);
            chunk.add(row);
            if (chunk.size() == CHUNK) {
                put(worker, chunk);
                pending.set(worker, new ArrayList<>(CHUNK));
            }
        }

        private void put(int worker, List<Row> chunk) {
            try {
                while (!queues.get(worker).offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("replay interrupted", e);
            }
        }

        /** Hands over the last chunks and waits for every worker; rethrows a worker's failure. */
        void finish() {
            for (int i = 0; i < queues.size(); i++) {
                if (!pending.get(i).isEmpty()) {
                    put(i, pending.get(i));
                }
                put(i, END);
            }
            for (Thread thread : threads) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("replay interrupted", e);
                }
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        List<Map<String, Replayed>> accounts() {
            return accounts;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private record LedgerAccount(Long balance, Long cycle, Long spent, Long cap, Long version, String planId,
            Instant cycleStartedAt, Instant cycleEndsAt, Map<String, Long> openGrants) {
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** One account being replayed: its fold, its chain, and the first broken link once one is found. */
    private static final class Replayed {

        final String userId;
        final AccountState state = new AccountState();
        final JournalChain chain = new JournalChain();
        BrokenLink broken;

        Replayed(String userId) {
            this.userId = userId;
        }

        void fold(Row row, Serializer serializer) {
            if (broken != null) {
                return;
            }
            long sequence = row.sequence();
            if (sequence != chain.nextSequence()) {
                broken = new BrokenLink(userId, sequence, chain.head(), null, "expected sequence " + chain.nextSequence()
                        + " but found " + sequence + " (an event was removed or reordered)");
                return;
            }
            String found = previousHash(row.metadata());
            if (!chain.head().equals(found)) {
                broken = new BrokenLink(userId, sequence, chain.head(), found, sequence == 0
                        ? "the first event does not start the chain"
                        : "the previous hash does not match event " + (sequence - 1) + " (it, or this link, was changed)");
                return;
            }
            LedgerEvent event;
            try {
                event = serializer.deserialize(new SimpleSerializedObject<>(row.payload(), byte[].class,
                        row.payloadType(), row.payloadRevision()));
            } catch (RuntimeException unreadable) {
                broken = new BrokenLink(userId, sequence, chain.head(), found, "unreadable event: " + unreadable.getMessage());
                return;
            }
            try {
                state.apply(event);
            } catch (RuntimeException inconsistent) {
                broken = new BrokenLink(userId, sequence, chain.head(), found, "the fold rejects the event: "
                        + inconsistent.getMessage());
                return;
            }
            chain.append(event);
        }

        private static String previousHash(byte[] metadata) {
            if (metadata == null) {
                return null;
            }
            // Fast path: the metadata Axon writes is {"previousHash":"<64 hex>"}; anything else is parsed as JSON.
            int at = indexOf(metadata, HASH_KEY);
            if (at >= 0 && at + HASH_KEY.length + 65 <= metadata.length && metadata[at + HASH_KEY.length + 64] == '"'
                    && indexOf(metadata, HASH_KEY, at + 1) < 0) {
                return new String(metadata, at + HASH_KEY.length, 64, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            try {
                JsonNode value = JSON.readTree(metadata).findValue(JournalChain.PREVIOUS_HASH);
                return value == null ? null : value.asString();
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
