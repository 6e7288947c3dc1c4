package io.creditgate.gateway.keys;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Creates, lists and revokes virtual keys: PostgreSQL first (the record), then Redis (what calls read).
 * {@code creditgate.keys.created} and {@code creditgate.keys.revoked} count them.
 */
@Component
class VirtualKeys {

    private static final Logger log = LoggerFactory.getLogger(VirtualKeys.class);

    private final KeyStore store;
    private final HotKeys hotKeys;
    private final KeyProjection projection;
    private final MeterRegistry registry;

    VirtualKeys(KeyStore store, HotKeys hotKeys, KeyProjection projection, MeterRegistry registry) {
        this.store = store;
        this.hotKeys = hotKeys;
        this.projection = projection;
        this.registry = registry;
    }

    /** A new key and the only copy of its secret there will ever be. */
    record CreatedKey(VirtualKey key, String secret) {
    }

    /** A new key of the user; {@code actor} is who asked, for the audit log. */
    Mono<CreatedKey> create(String userId, String name, Long budgetCredits, String actor) {
        String secret = VirtualKeyFormat.generate();
        String hash = VirtualKeyFormat.sha256Hex(secret);
        // Microseconds: what PostgreSQL keeps, so the answer equals what a later list shows.
        VirtualKey key = new VirtualKey(UUID.randomUUID().toString(), userId, name, VirtualKeyFormat.visiblePrefix(secret),
                budgetCredits, 0, Instant.now().truncatedTo(ChronoUnit.MICROS), null);
        return store.insert(key, hash, actor)
                .flatMap(stored -> hotKeys.created(stored, hash)
                        .onErrorResume(failure -> {
                            // Durable already; the next projection brings it into Redis.
                            log.warn("Key {} of user {} is saved but not yet in Redis ({})", key.id(), userId, failure.toString());
                            projection.projectSoon();
                            return Mono.empty();
                        })
                        .thenReturn(new CreatedKey(stored, secret)))
                .doOnNext(created -> registry.counter("creditgate.keys.created").increment());
    }

    /** The user's keys, oldest first, with the spend Redis counted live where it knows more than PostgreSQL. */
    Mono<List<VirtualKey>> ofUser(String userId) {
        return store.ofUser(userId)
                .flatMapMany(Flux::fromIterable)
                .concatMap(stored -> hotKeys.lookup(stored.keySha256())
                        .map(hot -> stored.key().withSpent(Math.max(hot.spentCredits(), stored.key().spentCredits())))
                        .onErrorResume(failure -> Mono.empty())
                        .defaultIfEmpty(stored.key()))
                .collectList();
    }

    /** The audit log, newest first. */
    Mono<List<KeyAuditEntry>> audit(int offset, int limit) {
        return store.audit(offset, limit);
    }

    Mono<Optional<VirtualKey>> byId(String id) {
        return store.byId(id).map(found -> found.map(KeyStore.StoredKey::key));
    }

    /**
     * Revokes the key in PostgreSQL, then turns it into a tombstone in Redis, which every gateway reads on every
     * call. If Redis cannot take it after a few tries the call fails; the next projection writes it.
     */
    Mono<Optional<VirtualKey>> revoke(String id, String actor) {
        return store.revoke(id, Instant.now().truncatedTo(ChronoUnit.MICROS), actor)
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        return Mono.just(Optional.<VirtualKey>empty());
                    }
                    KeyStore.StoredKey stored = found.get();
                    return hotKeys.revoked(stored.key(), stored.keySha256(), stored.key().revokedAt())
                            .retryWhen(Retry.backoff(3, Duration.ofMillis(50)))
                            .doOnError(failure -> projection.projectSoon())
                            .then(Mono.fromSupplier(() -> {
                                registry.counter("creditgate.keys.revoked").increment();
                                return Optional.of(stored.key());
                            }));
                });
    }
}
