package io.creditgate.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.creditgate.alert.contact.Contacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Worker threads that send what the delivery log holds as due. A new alert wakes them at once; retries become
 * due after their backoff. Every claim is committed before the send and every outcome after it, so a restart
 * resends only what had not started (PENDING, RETRY) and never what might have left (SENDING becomes UNKNOWN).
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryLog deliveries;
    private final EmailChannel email;
    private final WebhookChannel webhooks;
    private final Contacts contacts;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Object signal = new Object();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private boolean work;
    /** Epoch ms of the next look for abandoned deliveries; shared by the workers, one of which does it. */
    private final AtomicLong nextAbandonCheckMs = new AtomicLong();

    DeliveryDispatcher(DeliveryLog deliveries, EmailChannel email, WebhookChannel webhooks, Contacts contacts,
                       DeliveryProperties properties, DeliveryMetrics metrics, Clock clock) {
        this.deliveries = deliveries;
        this.email = email;
        this.webhooks = webhooks;
        this.contacts = contacts;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** New deliveries were planned: idle workers look now rather than at their next poll. */
    void wake() {
        synchronized (signal) {
            work = true;
            signal.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < properties.workers(); i++) {
            Thread worker = new Thread(this::work, "alert-delivery-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        log.info("Alert delivery started with {} workers", properties.workers());
    }

    private void work() {
        while (running) {
            try {
                abandonStale();
                List<DeliveryLog.Claimed> claimed = deliveries.claimDue(properties.batchSize(), clock.instant());
                if (claimed.isEmpty()) {
                    awaitWork();
                }
                claimed.forEach(this::deliver);
            } catch (RuntimeException e) {
                // PostgreSQL away, most likely: wait a poll interval and try again; nothing was claimed or all is logged.
                log.warn("Delivery worker failed; retrying: {}", e.getMessage());
                awaitWork();
            }
        }
    }

    private void awaitWork() {
        synchronized (signal) {
            if (!work && running) {
                try {
                    signal.wait(properties.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            work = false;
        }
    }

    /** Now and then (and at start), deliveries whose worker died mid-send become UNKNOWN. */
    private void abandonStale() {
        Instant now = clock.instant();
        long due = nextAbandonCheckMs.get();
        if (now.toEpochMilli() < due
                || !nextAbandonCheckMs.compareAndSet(due, now.plus(properties.staleSendingAfter().dividedBy(2)).toEpochMilli())) {
            return;
        }
        List<Channel> abandoned = deliveries.abandon(now.minus(properties.staleSendingAfter()), now);
        if (!abandoned.isEmpty()) {
            log.warn("{} deliveries were claimed by a worker that stopped mid-send; marked UNKNOWN, not sent again",
                    abandoned.size());
            abandoned.forEach(channel -> metrics.delivery(channel, DeliveryStatus.UNKNOWN));
        }
    }

    private void deliver(DeliveryLog.Claimed delivery) {
        long started = System.nanoTime();
        SendResult result;
        try {
            result = switch (delivery.channel()) {
                case EMAIL, ADMIN_EMAIL -> email.send(delivery.recipient(), delivery.subject(), delivery.body());
                case WEBHOOK -> webhooks.send(delivery.recipient(), delivery.body(),
                        contacts.get(delivery.userId()).webhookSecret(), delivery.key());
                case IN_APP -> SendResult.accepted("stored for the dashboard");
            };
        } catch (RuntimeException e) {
            result = SendResult.retry("unexpected failure: " + e);
        }
        long durationMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Instant now = clock.instant();
        if (result.accepted()) {
            deliveries.sent(delivery, result.detail(), now, durationMs);
            metrics.delivery(delivery.channel(), DeliveryStatus.SENT);
            metrics.latency(delivery.channel(), Duration.between(delivery.alertOccurredAt(), now));
        } else if (result.retryable() && delivery.attempt() < properties.maxAttempts()) {
            Instant next = now.plus(properties.backoffAfter(delivery.attempt()));
            deliveries.retry(delivery, result.detail(), now, durationMs, next);
            metrics.delivery(delivery.channel(), DeliveryStatus.RETRY);
            log.info("Delivery {} attempt {} failed ({}); next attempt at {}", delivery.key(), delivery.attempt(),
                    result.detail(), next);
        } else {
            deliveries.failed(delivery, result.detail(), now, durationMs);
            metrics.delivery(delivery.channel(), DeliveryStatus.FAILED);
            log.warn("Delivery {} failed after {} attempts: {}", delivery.key(), delivery.attempt(), result.detail());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        for (Thread worker : workers) {
            try {
                worker.join(properties.webhook().timeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
