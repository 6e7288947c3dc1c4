package io.creditgate.ledger.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.Grant;
import io.creditgate.ledger.replay.ReplayReport.BrokenLink;
import io.creditgate.ledger.replay.ReplayReport.Discrepancy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit replay (decision 34). In one repeatable-read snapshot of PostgreSQL it:
 * <ol>
 * <li>reads the journal topic from offset 0 into a fresh in-memory fold per account ({@link AccountReplay}: the
 * aggregate's own fold and hash chain), up to exactly where the snapshot's journal ends;</li>
 * <li>meanwhile checks every link of the journal stored in the event store by hashing the stored bytes (a byte flipped
 * there breaks the next link and names the account), and compares each account's last hash and version with the
 * topic's (which catches a change to the last event too);</li>
 * <li>compares the fold with the ledger's read model: balance, cycle, cap, version, plan and every open grant.</li>
 * </ol>
 * With {@code creditgate.replay.source=EVENT_STORE} it folds the event store instead and reads no topic.
 */
@Component
public class AuditReplay {

    /** Accounts are independent: folds run in parallel, each account always on the same worker, in order. */
    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final TransactionTemplate snapshot;
    private final StoredJournal stored;
    private final LedgerReadModel ledger;
    private final JournalTopic topic;
    private final ReplayProperties properties;
    private final Clock clock;
    private final Timer duration;

    AuditReplay(JdbcTemplate jdbc, PlatformTransactionManager transactions, KafkaProperties kafka,
            ReplayProperties properties, Clock clock, MeterRegistry meters) {
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.stored = new StoredJournal(jdbc);
        this.ledger = new LedgerReadModel(jdbc);
        this.topic = new JournalTopic(kafka, properties.topicWait());
        this.properties = properties;
        this.clock = clock;
        this.duration = Timer.builder("ledger.replay.duration").description("audit replays, whole journal")
                .register(meters);
    }

    /**
     * Replays every account; {@code progress} receives the number of events folded so far (out of {@link #countEvents()}).
     *
     * @throws ReplayUnavailableException when the journal topic cannot be read
     */
    public ReplayReport run(LongConsumer progress) {
        return run(properties.source(), progress);
    }

    /** Replays every account from {@code source}. */
    public ReplayReport run(ReplayProperties.Source source, LongConsumer progress) {
        return duration.record(() -> snapshot.execute(tx -> replay(source, progress)));
    }

    /** The number of journal events in the event store, for a progress bar. */
    public long countEvents() {
        return stored.count();
    }

    private ReplayReport replay(ReplayProperties.Source source, LongConsumer progress) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        boolean fromTopic = source == ReplayProperties.Source.JOURNAL_TOPIC;
        StoredJournal.Cut cut = stored.cut();
        AtomicLong folded = new AtomicLong();

        AccountWorkers storeWorkers = new AccountWorkers("replay-store", WORKERS,
                user -> new AccountReplay(user, ReplayReport.EVENT_STORE, !fromTopic));
        AccountWorkers topicWorkers = fromTopic ? new AccountWorkers("replay-topic", WORKERS,
                user -> new AccountReplay(user, ReplayReport.JOURNAL_TOPIC, true)) : null;
        CompletableFuture<JournalTopic.Read> topicRead = fromTopic
                ? CompletableFuture.supplyAsync(() -> topic.read(cut, entry -> {
                    topicWorkers.add(entry);
                    reportEvery(folded.incrementAndGet(), progress);
                }), command -> daemon("replay-topic-reader", command))
                : null;
        long storedEvents;
        Map<String, AccountReplay> inStore;
        Map<String, AccountReplay> inTopic = null;
        JournalTopic.Read read = null;
        try {
            storedEvents = stored.read(entry -> {
                storeWorkers.add(entry);
                if (!fromTopic) {
                    reportEvery(folded.incrementAndGet(), progress);
                }
            });
            inStore = storeWorkers.finish();
            if (fromTopic) {
                read = topicRead.join();
                inTopic = topicWorkers.finish();
            }
        } catch (CompletionException failed) {
            abandon(storeWorkers, topicWorkers);
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        } catch (RuntimeException failed) {
            abandon(storeWorkers, topicWorkers);
            if (topicRead != null) {
                topicRead.cancel(true);
            }
            throw failed;
        }
        progress.accept(folded.get());
        long replayNanos = Math.max(1, System.nanoTime() - startNanos);

        List<BrokenLink> broken = new ArrayList<>();
        List<Discrepancy> discrepancies = new ArrayList<>();
        Map<String, LedgerReadModel.Account> accounts = ledger.accounts();
        Map<String, AccountReplay> replayed = fromTopic ? inTopic : inStore;
        TreeSet<String> users = new TreeSet<>(inStore.keySet());
        users.addAll(replayed.keySet());
        users.addAll(accounts.keySet());
        long repeated = read == null ? 0 : read.repeated();
        for (String user : users) {
            AccountReplay store = inStore.get(user);
            AccountReplay fold = replayed.get(user);
            if (store != null && store.broken != null) {
                broken.add(store.broken);
            }
            if (fromTopic) {
                compareJournals(user, store, fold, discrepancies);
                if (fold != null && fold.broken != null) {
                    broken.add(fold.broken);
                }
            }
            if (fold != null && fold.broken == null) {
                compare(fold, accounts.get(user), discrepancies);
            } else if (fold == null && accounts.containsKey(user)) {
                discrepancies.add(new Discrepancy(user, "account", "present", null));
            }
        }
        if (read != null) {
            for (JournalTopic.Unreadable bad : read.unreadable()) {
                broken.add(new BrokenLink(bad.key(), ReplayReport.JOURNAL_TOPIC, -1, null, null, "unreadable entry at "
                        + "partition " + bad.partition() + " offset " + bad.offset() + ": " + bad.reason()));
            }
        }
        long events = folded.get();
        return new ReplayReport(started, fromTopic ? ReplayReport.JOURNAL_TOPIC : ReplayReport.EVENT_STORE, events,
                storedEvents, users.size(), (System.nanoTime() - startNanos) / 1_000_000,
                events * 1_000_000_000L / replayNanos, repeated, broken.isEmpty() && discrepancies.isEmpty(), broken,
                discrepancies);
    }

    /** The journal stored and the journal published must be the same events: same last version, same last hash. */
    private static void compareJournals(String user, AccountReplay store, AccountReplay topic, List<Discrepancy> out) {
        if (store == null && topic != null) {
            out.add(new Discrepancy(user, "journal", null, "present"));
        } else if (store != null && topic == null) {
            out.add(new Discrepancy(user, "journal", "present", null));
        } else if (store != null && store.broken == null && topic.broken == null) {
            if (store.version() != topic.version()) {
                out.add(new Discrepancy(user, "journal version", Long.toString(store.version()),
                        Long.toString(topic.version())));
            } else if (!store.chain.head().equals(topic.chain.head())) {
                out.add(new Discrepancy(user, "journal head hash", store.chain.head(), topic.chain.head()));
            }
        }
    }

    private static void compare(AccountReplay account, LedgerReadModel.Account ledger, List<Discrepancy> out) {
        String user = account.userId;
        if (ledger == null) {
            out.add(new Discrepancy(user, "account", null, "present"));
            return;
        }
        AccountBalance folded = account.state.balance();
        same(out, user, "balanceCredits", ledger.balance(), folded.balanceCredits());
        same(out, user, "cycleCredits", ledger.cycle(), folded.cycleCredits());
        same(out, user, "spentCycleCredits", ledger.spent(), folded.spentCycleCredits());
        same(out, user, "cycleCapCredits", ledger.cap(), folded.cycleCapCredits());
        same(out, user, "version", ledger.version(), account.version());
        same(out, user, "planId", ledger.planId(), folded.planId());
        same(out, user, "cycleStartedAt", ledger.cycleStartedAt(), folded.cycleStartedAt());
        same(out, user, "cycleEndsAt", ledger.cycleEndsAt(), folded.cycleEndsAt());
        Map<String, Long> grants = new TreeMap<>();
        for (Grant grant : account.state.openGrantsInBurnOrder()) {
            grants.put(grant.grantId(), grant.remainingCredits());
        }
        Map<String, Long> ledgerGrants = new HashMap<>(ledger.openGrants());
        for (Map.Entry<String, Long> grant : grants.entrySet()) {
            same(out, user, "grant " + grant.getKey() + " remainingCredits", ledgerGrants.remove(grant.getKey()),
                    grant.getValue());
        }
        ledgerGrants.forEach((grantId, remaining) ->
                out.add(new Discrepancy(user, "grant " + grantId + " remainingCredits", remaining.toString(), null)));
    }

    private static void same(List<Discrepancy> out, String user, String field, Object ledger, Object replay) {
        if (!Objects.equals(ledger, replay)) {
            out.add(new Discrepancy(user, field, Objects.toString(ledger, null), Objects.toString(replay, null)));
        }
    }

    private static void reportEvery(long folded, LongConsumer progress) {
        if (folded % 5_000 == 0) {
            progress.accept(folded);
        }
    }

    private static void abandon(AccountWorkers store, AccountWorkers topic) {
        store.abandon();
        if (topic != null) {
            topic.abandon();
        }
    }

    private static void daemon(String name, Runnable command) {
        Thread thread = new Thread(command, name);
        thread.setDaemon(true);
        thread.start();
    }
}
