package io.creditgate.gateway.keys;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Projects every virtual key from PostgreSQL into Redis at startup and every {@code projection-interval}, so
 * that a Redis that restarted empty gets its keys back, and saves the spend Redis counted into PostgreSQL.
 * When a run ends, {@code cg:keys:projected} marks Redis as holding every key: its absence tells a lookup that
 * missed to ask PostgreSQL. While PostgreSQL is down, runs are retried every {@code store-retry-interval}.
 */
@Component
class KeyProjection {

    static final String MARKER = "cg:keys:projected";

    private static final Logger log = LoggerFactory.getLogger(KeyProjection.class);
    private static final int CONCURRENCY = 16;

    private final KeyStore store;
    private final HotKeys hotKeys;
    private final ReactiveStringRedisTemplate redis;
    private final KeysProperties properties;
    private final Sinks.Many<Long> soon = Sinks.many().multicast().directBestEffort();
    private volatile Disposable running;
    private volatile Instant lastProjected;
    private volatile String lastFailure;

    KeyProjection(KeyStore store, HotKeys hotKeys, ReactiveStringRedisTemplate redis, KeysProperties properties) {
        this.store = store;
        this.hotKeys = hotKeys;
        this.redis = redis;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        running = Flux.merge(Flux.interval(Duration.ZERO, properties.projectionInterval(), Schedulers.boundedElastic()),
                        soon.asFlux())
                .onBackpressureDrop()
                .concatMap(tick -> projectAll()
                        .doOnSuccess(done -> succeeded())
                        .doOnError(this::failed)
                        .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, properties.storeRetryInterval()))
                        .onErrorResume(failure -> Mono.empty()), 0)
                .subscribe();
    }

    private void succeeded() {
        if (lastFailure != null) {
            log.info("Virtual keys are projected into Redis again");
        }
        lastFailure = null;
        lastProjected = Instant.now();
    }

    /** Logged once per outage, not at every retry. */
    private void failed(Throwable failure) {
        if (lastFailure == null) {
            log.warn("Projecting virtual keys into Redis failed ({}); retrying every {} (service-key calls are not "
                    + "affected)", failure.toString(), properties.storeRetryInterval());
        }
        lastFailure = failure.toString();
    }

    /** The last run's outcome, for health: when it last succeeded, and the failure since, if any. */
    Instant lastProjected() {
        return lastProjected;
    }

    String lastFailure() {
        return lastFailure;
    }

    @PreDestroy
    void stop() {
        Disposable projection = running;
        if (projection != null) {
            projection.dispose();
        }
    }

    /** Asks for a run now (a lookup found Redis without its keys). */
    void projectSoon() {
        soon.tryEmitNext(System.nanoTime());
    }

    /** Whether Redis holds every key since the last run (false after a restart emptied it). */
    Mono<Boolean> projectedIntoRedis() {
        return redis.hasKey(MARKER);
    }

    /** One run: every key into Redis, the larger spends back into PostgreSQL, then the marker. */
    Mono<Void> projectAll() {
        return Mono.fromCallable(store::allBlocking)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(Flux::fromIterable)
                .flatMap(stored -> hotKeys.project(stored.key(), stored.keySha256())
                        .filter(spent -> spent > stored.key().spentCredits())
                        .flatMap(spent -> Mono.fromRunnable(() -> store.saveSpentBlocking(stored.key().id(), spent))
                                .subscribeOn(Schedulers.boundedElastic())), CONCURRENCY)
                .then(redis.opsForValue().set(MARKER, Instant.now().toString()))
                .then();
    }
}
