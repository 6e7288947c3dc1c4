package io.creditgate.payment.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to Kafka, oldest row first, and marks a row published only once Kafka acknowledged it
 * ({@code acks=all}). One relay is active across all instances: each batch runs in a transaction holding a
 * PostgreSQL advisory lock, and an instance that does not get it leaves the batch to the one that did, so rows go out
 * in id order and one user's events stay in the order they were committed.
 *
 * <p>Kafka down: the batch's sends fail, nothing of them is marked, and the relay waits (doubling from
 * {@code min-backoff} to {@code max-backoff}) before trying again; the rows wait in PostgreSQL meanwhile. A crash
 * between Kafka's acknowledgement and the commit of the mark publishes that batch again on restart: the ledger and
 * the alert service dedupe by the event's own keys (purchaseId, refundId, disputeId, eventId), so this is safe.
 */
@Component
public class OutboxRelay implements SmartLifecycle {

    /** The advisory lock key of the relay: any constant all instances agree on. */
    static final long RELAY_LOCK = 0x6372656469746f75L; // "creditou"
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final OutboxProperties properties;
    private final Counter published;
    private final Counter publishFailures;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Producer<String, byte[]> outboxProducer,
            OutboxProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.producer = outboxProducer;
        this.properties = properties;
        this.published = Counter.builder("creditgate.payments.outbox.published")
                .description("Outbox rows published to Kafka and acknowledged").register(meters);
        this.publishFailures = Counter.builder("creditgate.payments.outbox.publish.failures")
                .description("Outbox rows whose publication failed (Kafka down or refusing); they are retried")
                .register(meters);
        Gauge.builder("creditgate.payments.outbox.pending", this, OutboxRelay::pendingOrNaN)
                .description("Outbox rows not yet acknowledged by Kafka").register(meters);
    }

    /** Rows not yet published. */
    public long pending() {
        Long count = jdbc.queryForObject("select count(*) from outbox where published_at is null", Long.class);
        return count != null ? count : 0;
    }

    private double pendingOrNaN() {
        try {
            return pending();
        } catch (RuntimeException databaseDown) {
            return Double.NaN;
        }
    }

    /** Asks the relay to look now (called after a transaction that appended rows committed). */
    void wakeUp() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (running || !properties.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::relay, "payment-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            wakeUp();
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void relay() {
        Duration backoff = properties.minBackoff();
        while (running) {
            try {
                Batch batch = publishBatch();
                if (batch.failed() == 0) {
                    backoff = properties.minBackoff();
                    if (batch.published() < properties.batchSize()) {
                        await(properties.pollInterval(), true);
                    }
                } else {
                    log.warn("Outbox: {} row(s) could not be published ({}); retrying in {} ms", batch.failed(),
                            batch.failure(), backoff.toMillis());
                    await(backoff, false);
                    backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Outbox: relay pass failed ({}); retrying in {} ms", e.toString(), backoff.toMillis());
                await(backoff, false);
                backoff = min(backoff.multipliedBy(2), properties.maxBackoff());
            }
        }
    }

    /** One pass: publishes up to a batch of pending rows if this instance holds the relay lock. Visible for tests. */
    Batch publishBatch() {
        Batch batch = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(locked)) {
                return new Batch(0, 0, null);
            }
            List<Row> rows = jdbc.query("select id, topic, record_key, payload from outbox where published_at is null"
                    + " order by id limit ?", (rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getBytes(4)), properties.batchSize());
            if (rows.isEmpty()) {
                return new Batch(0, 0, null);
            }
            List<Long> acknowledged = new ArrayList<>(rows.size());
            String failure = sendInWaves(rows, acknowledged);
            if (!acknowledged.isEmpty()) {
                jdbc.update("update outbox set published_at = now() where id = any (?)",
                        (java.sql.PreparedStatement ps) -> ps.setArray(1,
                                ps.getConnection().createArrayOf("bigint", acknowledged.toArray())));
            }
            int failed = failure == null ? 0 : rows.size() - acknowledged.size();
            return new Batch(acknowledged.size(), failed, failure);
        });
        if (batch != null) {
            published.increment(batch.published());
            publishFailures.increment(batch.failed());
        }
        return batch != null ? batch : new Batch(0, 0, null);
    }

    /**
     * Sends the rows so that a row is on its way only once every earlier row of its key was acknowledged: each wave
     * holds the oldest unsent row of every key, sent together and awaited together, and the next wave goes only when
     * the whole wave was acknowledged. So a failed row never has a later row of the same user published before it
     * (a refund before its purchase would be refused by the ledger), while different users' rows still go out
     * together. Returns why the batch stopped, or null when every row was acknowledged.
     */
    private String sendInWaves(List<Row> rows, List<Long> acknowledged) {
        java.util.Deque<Row> remaining = new java.util.ArrayDeque<>(rows);
        while (!remaining.isEmpty()) {
            java.util.Set<String> keysInWave = new java.util.HashSet<>();
            List<Row> wave = new ArrayList<>();
            for (java.util.Iterator<Row> it = remaining.iterator(); it.hasNext(); ) {
                Row row = it.next();
                if (keysInWave.add(row.key())) {
                    wave.add(row);
                    it.remove();
                } else {
                    // Later rows of a key already in the wave wait; keep scanning for other keys.
                    keysInWave.add(row.key());
                }
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>(wave.size());
            String failure = null;
            for (Row row : wave) {
                try {
                    sent.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.payload())));
                } catch (RuntimeException e) {
                    // The producer could not even queue it (e.g. no metadata while Kafka is down).
                    failure = e.toString();
                    break;
                }
            }
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                    acknowledged.add(wave.get(i).id());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return "interrupted";
                } catch (Exception e) {
                    failure = String.valueOf(e.getCause() != null ? e.getCause() : e);
                }
            }
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private void await(Duration duration, boolean wakeable) {
        lock.lock();
        try {
            long nanos = duration.toNanos();
            if (!wakeable) {
                woken = false;
            }
            while (running && nanos > 0 && !(wakeable && woken)) {
                nanos = signal.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(long id, String topic, String key, byte[] payload) {
    }

    /** What one pass did: rows acknowledged and marked, rows that failed (still pending) and why. */
    record Batch(int published, int failed, String failure) {
    }
}
