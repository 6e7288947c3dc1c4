package io.creditgate.gateway.usage;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.creditgate.schemas.Topics;

/**
 * Sends the spooled events to Kafka, oldest first, on a thread of its own: at start (what the last run left)
 * and whenever events are spooled. While Kafka refuses them it waits {@code retry-interval} and tries the
 * oldest again, so the first event that gets through marks Kafka's return.
 *
 * <p>Order: until Kafka has taken an event, one event is sent at a time, so a broker that comes back cannot take
 * a later event before an earlier one; then batches are sent, which the idempotent producer keeps in order per
 * partition (that is, per user).
 *
 * <p>Nothing is sent twice by the gateway: a batch is marked drained only up to its first failure, and an event
 * after that failure which Kafka did take is remembered and not sent again when the batch is retried. (Only a
 * crash between Kafka's acknowledgement and the drained mark can repeat an event, and the ledger drops a repeat
 * by its eventId.)
 */
@Component
class UsageSpoolDrainer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UsageSpoolDrainer.class);
    /** The producer fails a send by itself after delivery.timeout.ms; this only guards against a hang. */
    private static final long SEND_WAIT_MINUTES = 5;
    private static final long IDLE_WAIT_MILLIS = 1_000;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final UsageSpool spool;
    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final SpoolProperties properties;
    /** Ends of records after a failed one that Kafka took anyway; skipped when their batch is retried. */
    private final Set<Long> sentAhead = new HashSet<>();
    private volatile boolean running;
    /** Drainer thread only: whether the last batch got through. */
    private boolean kafkaTookLast;
    private Thread thread;

    UsageSpoolDrainer(UsageSpool spool, KafkaTemplate<String, SpecificRecord> kafka, SpoolProperties properties) {
        this.spool = spool;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::drain, "usage-spool-drainer");
        thread.setDaemon(true);
        thread.start();
    }

    private void drain() {
        while (running) {
            try {
                // One event at a time until Kafka took one: while it is down, nothing else is in flight that
                // could get through ahead of the event before it.
                List<UsageSpool.Spooled> batch = spool.readBatch(kafkaTookLast ? properties.drainBatch() : 1);
                if (batch.isEmpty()) {
                    spool.awaitRecords(IDLE_WAIT_MILLIS);
                    continue;
                }
                int sent = send(batch);
                kafkaTookLast = sent == batch.size();
                if (sent > 0) {
                    spool.markDrained(batch.get(sent - 1).end(), sent);
                    batch.subList(0, sent).forEach(spooled -> sentAhead.remove(spooled.end()));
                    if (spool.depth() == 0) {
                        log.info("Kafka took every spooled usage event; the spool is empty again");
                    }
                }
                if (sent < batch.size()) {
                    Thread.sleep(properties.retryInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                log.error("Draining the usage spool failed; trying again in {}", properties.retryInterval(), e);
                sleepQuietly(properties.retryInterval().toMillis());
            }
        }
    }

    /**
     * Sends a batch (the producer pipelines it) and waits for every acknowledgement; returns how many from
     * the start of the batch Kafka took before its first refusal.
     */
    private int send(List<UsageSpool.Spooled> batch) throws InterruptedException {
        List<CompletableFuture<?>> acks = batch.stream()
                .map(spooled -> sentAhead.contains(spooled.end()) ? CompletableFuture.completedFuture(null)
                        : send(spooled))
                .toList();
        int prefix = -1;
        for (int i = 0; i < acks.size(); i++) {
            Throwable failure = awaitAck(acks.get(i));
            if (failure == null && prefix < 0) {
                continue;
            }
            if (failure != null && prefix < 0) {
                prefix = i;
                log.warn("Kafka still refuses spooled usage events ({}); {} waiting, next try in {}", failure.toString(),
                        spool.depth(), properties.retryInterval());
            } else if (failure == null) {
                sentAhead.add(batch.get(i).end());
            }
        }
        return prefix < 0 ? batch.size() : prefix;
    }

    private CompletableFuture<?> send(UsageSpool.Spooled spooled) {
        try {
            return kafka.send(Topics.USAGE_EVENTS.name(), spooled.event().getUserId(), spooled.event());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable awaitAck(CompletableFuture<?> ack) throws InterruptedException {
        try {
            ack.get(SEND_WAIT_MINUTES, TimeUnit.MINUTES);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Lets the batch in flight finish (so its acknowledgements are recorded), then stops. */
    @Override
    public synchronized void stop() {
        running = false;
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_WAIT_MILLIS);
            if (thread.isAlive()) {
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer factory does (a higher phase stops earlier), so the last acks arrive. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
