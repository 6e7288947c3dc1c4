package io.creditgate.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.creditgate.ledger.GeneratedJournals;
import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.Projections;
import io.creditgate.ledger.account.JournalGenerator;
import io.creditgate.ledger.replay.AuditReplay;
import io.creditgate.ledger.replay.ReplayProperties;
import io.creditgate.ledger.replay.ReplayReport;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's benchmark (bench/ledger.sh; not part of the test suite: surefire runs {@code *Test} classes only).
 * Sizes come from system properties {@code bench.fold.events}, {@code bench.fold.warmup}, {@code bench.fold.users},
 * {@code bench.replay.events}.
 * Results are printed as {@code BENCH name value unit} lines; each measurement also checks its result is exact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerBenchmark extends LedgerServiceTestBase {

    private static final int FOLD_EVENTS = Integer.getInteger("bench.fold.events", 20_000);
    private static final int FOLD_USERS = Integer.getInteger("bench.fold.users", 1_000);
    private static final int FOLD_WARMUP = Integer.getInteger("bench.fold.warmup", 10_000);
    private static final int REPLAY_EVENTS = Integer.getInteger("bench.replay.events", 1_000_000);
    private static final int REPLAY_EVENTS_PER_ACCOUNT = 1_000;
    private static final String JOURNAL_PUBLISHER = "ledger-journal-publisher";

    /**
     * The embedded PostgreSQL of the tests runs with {@code synchronous_commit=off} (zonky's default); the ledger's
     * promise is a durable commit, so the benchmark's connections wait for the WAL flush as in production
     * (PostgreSQL's default, on).
     */
    @DynamicPropertySource
    static void durableCommits(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.connection-init-sql", () -> "SET synchronous_commit = on");
    }

    @Autowired
    private KafkaListenerEndpointRegistry listeners;
    @Autowired
    private AuditReplay replay;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private PlatformTransactionManager transactions;

    /**
     * Fold throughput: the usage topic is filled while the ledger's consumer is stopped, then the consumer starts and
     * drains it; the rate is events charged and committed (dedupe row, journal, read model in one transaction) per
     * second of that drain. Redis and the account-events topic follow asynchronously and are not waited for.
     *
     * <p>Two drains: a first one of {@code bench.fold.warmup} events on a cold JVM (reported as {@code fold.cold.*};
     * just-in-time compilation takes about a third of the two cores then), then the measured one of
     * {@code bench.fold.events} on the same users, which is the sustained rate. Each reports the PostgreSQL
     * transactions committed per usage event, which shows whether a poll really is one transaction.
     */
    @Test
    @Order(1)
    void foldThroughput() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < FOLD_USERS; i++) {
            users.add("bench-" + i + "-" + UUID.randomUUID());
        }
        Map<String, Long> expected = new HashMap<>();
        if (FOLD_WARMUP > 0) {
            drain("fold.cold", users, FOLD_WARMUP, expected);
        }
        drain("fold", users, FOLD_EVENTS, expected);
        for (String user : users) {
            assertThat(balanceOf(user)).as(user).isEqualTo(STARTING_CREDITS - expected.get(user));
        }
    }

    /** Fills the usage topic while the consumers are stopped, then times their drain; prints {@code BENCH <name>.*}. */
    private void drain(String name, List<String> users, int events, Map<String, Long> expected) throws Exception {
        MessageListenerContainer consumer = listeners.getListenerContainer("ledger-usage");
        consumer.stop();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config,
                Topics.USAGE_EVENTS.keys().serializer(), Topics.USAGE_EVENTS.values().serializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String user = users.get(i % users.size());
                long cost = 1 + (i * 7_919L) % 2_000;
                UsageRecorded event = usage(user, UUID.randomUUID().toString(), cost);
                expected.merge(user, cost, Long::sum);
                acks.add(producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), user, event)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
        double before = counter("ledger.usage.charged");
        long commitsBefore = commits();
        Map<Long, Long> cpuBefore = consumerCpuNanos();
        long start = System.nanoTime();
        consumer.start();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> counter("ledger.usage.charged") >= before + events);
        double seconds = (System.nanoTime() - start) / 1e9;
        long consumerCpu = consumerCpuNanos().entrySet().stream()
                .mapToLong(e -> e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L)).sum();
        // Every committed transaction of the database, the streaming projections' token updates included; the
        // backends publish their statistics at most once a second.
        Thread.sleep(1_500);
        double commitsPerEvent = (double) (commits() - commitsBefore) / events;
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        System.out.printf("BENCH %1$s.events %2$d events%nBENCH %1$s.users %3$d users%nBENCH %1$s.seconds %4$.2f s%n"
                + "BENCH %1$s.throughput %5$.0f events/s%nBENCH %1$s.commits %6$.3f commits/event%n", name, events,
                users.size(), seconds, events / seconds, commitsPerEvent);
        // CPU of the usage consumer threads per event: less noisy than the rate on a shared machine.
        System.out.printf("BENCH %s.consumer-cpu %.0f µs/event%n", name, consumerCpu / 1e3 / events);
    }

    /** CPU time so far of each live usage consumer thread, by thread id. */
    private static Map<Long, Long> consumerCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("ledger-usage")) {
                long nanos = threads.getThreadCpuTime(thread.getId());
                if (nanos >= 0) {
                    cpu.put(thread.getId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** Transactions committed in the ledger's database so far (PostgreSQL's statistics lag up to ~1 s). */
    private long commits() {
        jdbc.execute("SELECT pg_stat_clear_snapshot()");
        return jdbc.queryForObject("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()",
                Long.class);
    }

    /** Replay throughput of {@code replay --verify} over a generated journal (plus whatever the fold wrote). */
    @Test
    @Order(2)
    void replayThroughput() throws Exception {
        projections().pause();
        // Paused while the journal is written in transactions of 20,000 events: a processor reading meanwhile sees
        // every uncommitted index as a gap, and each event's token copies the whole gap set (Axon's
        // GapAwareTrackingToken), which took 2 GB of heap at 1,000,000 events. Started afterwards, it measures the
        // journal's publication alone.
        StreamingEventProcessor publisher = projections().processor(JOURNAL_PUBLISHER);
        publisher.shutdownAsync().get(60, TimeUnit.SECONDS);
        try {
            JournalGenerator generator = new JournalGenerator(2026, STARTING_CREDITS);
            TransactionTemplate tx = new TransactionTemplate(transactions);
            String run = "replay-" + UUID.randomUUID() + "-";
            long written = 0;
            long writeStart = System.nanoTime();
            for (int i = 0; written < REPLAY_EVENTS; i++) {
                List<JournalGenerator.Account> chunk = new ArrayList<>();
                for (int j = 0; j < 20 && written < REPLAY_EVENTS; j++) {
                    JournalGenerator.Account account = generator.account(run + i + "-" + j, REPLAY_EVENTS_PER_ACCOUNT,
                            Instant.parse("2026-01-01T00:00:00Z"));
                    chunk.add(account);
                    written += account.events().size();
                }
                tx.executeWithoutResult(status -> GeneratedJournals.store(jdbc, storageEngine, chunk));
            }
            System.out.printf("BENCH replay.written %d events in %.1f s%n", written, (System.nanoTime() - writeStart) / 1e9);
            // The replay folds the journal topic: publish the generated journal first.
            long stored = replay.countEvents();
            double publishedBefore = counter("ledger.journal.published");
            long publishStart = System.nanoTime();
            publisher.start();
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> counter("ledger.journal.published") >= stored);
            double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
            long published = (long) (counter("ledger.journal.published") - publishedBefore);
            System.out.printf("BENCH journal.published %d events in %.1f s (%.0f events/s)%n", published, publishSeconds,
                    published / publishSeconds);
            replay.run(read -> { }); // warm-up: JIT, PostgreSQL's buffers, the topic's pages
            for (ReplayProperties.Source source : ReplayProperties.Source.values()) {
                ReplayReport report = replay.run(source, read -> { });
                String name = source == ReplayProperties.Source.JOURNAL_TOPIC ? "replay" : "replay.event-store";
                System.out.printf("BENCH %s.events %d events%nBENCH %s.accounts %d accounts%n"
                        + "BENCH %s.seconds %.2f s%nBENCH %s.throughput %d events/s%n", name, report.events(), name,
                        report.accounts(), name, report.durationMillis() / 1000.0, name, report.eventsPerSecond());
                assertThat(report.brokenLinks()).isEmpty();
                assertThat(report.discrepancies()).isEmpty();
                assertThat(report.events()).isGreaterThanOrEqualTo(stored);
            }
        } finally {
            publisher.start();
            projections().resumeAtHead();
        }
    }

    private Projections projections() {
        return new Projections(processing);
    }
}
