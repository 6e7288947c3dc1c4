package io.creditgate.gateway.pricing;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Looks for new price changes every {@code creditgate.pricing.refresh-interval} (500 ms by default), so a change
 * made on any gateway applies on every gateway within about half a second. Polling a tiny indexed query is simpler
 * and surer than a notification channel that can drop a message; while PostgreSQL is down the gateway keeps the
 * prices it has, says so once, and tries again every {@link #RETRY_INTERVAL} only.
 */
@Component
class PriceRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PriceRefresher.class);
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    private final PriceTable table;
    private final Duration interval;
    private final Counter failures;
    private volatile Disposable schedule;
    private volatile boolean failing;
    private volatile long nextAttemptNanos;

    PriceRefresher(PriceTable table, PriceSourceProperties properties, MeterRegistry registry) {
        this.table = table;
        this.interval = properties.refreshInterval();
        this.failures = Counter.builder("creditgate.prices.refresh.failures")
                .description("Price refreshes that could not read PostgreSQL").register(registry);
    }

    @Override
    public void start() {
        schedule = Flux.interval(Duration.ZERO, interval, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromRunnable(this::refreshOnce), 1)
                .subscribe();
    }

    private void refreshOnce() {
        // While PostgreSQL is down, try every RETRY_INTERVAL rather than twice a second: each failed try costs a
        // connection attempt and a migration check, and that CPU would be taken from the calls.
        if (failing && System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            table.refresh();
            if (failing) {
                failing = false;
                log.info("Price changes readable again (up to change-{})", table.lastChangeId());
            }
        } catch (RuntimeException e) {
            failures.increment();
            nextAttemptNanos = System.nanoTime() + RETRY_INTERVAL.toNanos();
            if (!failing) {
                failing = true;
                log.warn("Cannot read price changes ({}); keeping the prices in use{} until PostgreSQL answers",
                        e.toString(), table.changesLoaded() ? "" : " (the catalogue and configured prices only: no"
                                + " admin change has been read since start)");
            }
        }
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
