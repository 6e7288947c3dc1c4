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
        Map<String, Replayed> accounts = new LinkedHashMap<>();
        long[] events = {0};
        jdbc.setFetchSize(FETCH_SIZE);
        jdbc.query("""
                SELECT aggregateidentifier, sequencenumber, payloadtype, payloadrevision, payload, metadata
                FROM domainevententry WHERE type = ? ORDER BY globalindex""", rs -> {
            Replayed account = accounts.computeIfAbsent(rs.getString(1), Replayed::new);
            account.fold(rs, eventSerializer);
            if (++events[0] % FETCH_SIZE == 0) {
                progress.accept(events[0]);
            }
        }, ACCOUNT_AGGREGATE);
        progress.accept(events[0]);
        long replayNanos = Math.max(1, System.nanoTime() - startNanos);

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

    private static void same(List<Discrepancy> out, String user, String field, Long ledger, Long replay) {
        if (!Objects.equals(ledger, replay)) {
            out.add(new Discrepancy(user, field, Objects.toString(ledger, null), Objects.toString(replay, null)));
        }
    }

    private Map<String, LedgerAccount> ledgerAccounts() {
        Map<String, LedgerAccount> accounts = new HashMap<>();
        jdbc.query("SELECT user_id, balance_credits, cycle_credits, spent_cycle_credits, cycle_cap_credits, version FROM account",
                rs -> {
                    accounts.put(rs.getString(1), new LedgerAccount(rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getObject(5, Long.class), rs.getLong(6), new HashMap<>()));
                });
        jdbc.query("SELECT user_id, grant_id, remaining_credits FROM account_grant WHERE status = 'OPEN'", rs -> {
            LedgerAccount account = accounts.get(rs.getString(1));
            if (account != null) {
                account.openGrants.put(rs.getString(2), rs.getLong(3));
            }
        });
        return accounts;
    }

    private record LedgerAccount(Long balance, Long cycle, Long spent, Long cap, Long version, Map<String, Long> openGrants) {
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

        void fold(ResultSet row, Serializer serializer) throws SQLException {
            if (broken != null) {
                return;
            }
            long sequence = row.getLong(2);
            if (sequence != chain.nextSequence()) {
                broken = new BrokenLink(userId, sequence, chain.head(), null, "expected sequence " + chain.nextSequence()
                        + " but found " + sequence + " (an event was removed or reordered)");
                return;
            }
            String found = previousHash(row.getBytes(6));
            if (!chain.head().equals(found)) {
                broken = new BrokenLink(userId, sequence, chain.head(), found, sequence == 0
                        ? "the first event does not start the chain"
                        : "the previous hash does not match event " + (sequence - 1) + " (it, or this link, was changed)");
                return;
            }
            LedgerEvent event;
            try {
                event = serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(5), byte[].class,
                        row.getString(3), row.getString(4)));
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
            try {
                JsonNode value = JSON.readTree(metadata).findValue(JournalChain.PREVIOUS_HASH);
                return value == null ? null : value.asString();
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
