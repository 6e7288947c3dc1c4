package io.creditgate.gateway.keys;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.redis.LuaScript;
import reactor.core.publisher.Mono;

/**
 * Virtual keys in Redis, where every call with one looks it up: hash {@code cg:key:<sha256 hex>} with fields
 * {@code id}, {@code userId}, {@code budget} (absent = none), {@code spent} (credits, counted live) and
 * {@code revokedAt} (a revoked key stays as a tombstone, so that its holder is told {@code key_revoked}, not
 * {@code key_unknown}, without asking PostgreSQL). Revocation writes the tombstone at once, and every gateway
 * instance reads the hash on every call, so a revoked key stops working everywhere within one round trip.
 */
@Component
class HotKeys {

    private static final RedisScript<Long> PROJECT = LuaScript.load(HotKeys.class, "project.lua", Long.class);
    private static final RedisScript<Long> CHARGE = LuaScript.load(HotKeys.class, "charge.lua", Long.class);

    private final ReactiveStringRedisTemplate redis;

    HotKeys(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    static String redisKey(String keySha256) {
        return "cg:key:" + keySha256;
    }

    /** The key, or empty when Redis knows no such key. One HGETALL. */
    Mono<HotKey> lookup(String keySha256) {
        return redis.<String, String>opsForHash().entries(redisKey(keySha256))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .mapNotNull(HotKey::of);
    }

    /** A key just created: written whole (nothing can be there yet). */
    Mono<Void> created(VirtualKey key, String keySha256) {
        Map<String, String> fields = new HashMap<>();
        fields.put("id", key.id());
        fields.put("userId", key.userId());
        fields.put("spent", "0");
        if (key.budgetCredits() != null) {
            fields.put("budget", Long.toString(key.budgetCredits()));
        }
        return redis.<String, String>opsForHash().putAll(redisKey(keySha256), fields).then();
    }

    /** Projects one stored key (see project.lua); emits the spend to save in PostgreSQL. */
    Mono<Long> project(VirtualKey key, String keySha256) {
        return redis.execute(PROJECT, List.of(redisKey(keySha256)), List.of(key.id(), key.userId(),
                        key.budgetCredits() == null ? "" : Long.toString(key.budgetCredits()),
                        Long.toString(key.spentCredits()),
                        key.revokedAt() == null ? "" : Long.toString(key.revokedAt().toEpochMilli())))
                .single();
    }

    /** Turns the key into a tombstone. */
    Mono<Void> revoked(VirtualKey key, String keySha256, Instant at) {
        return redis.<String, String>opsForHash().putAll(redisKey(keySha256), Map.of("id", key.id(),
                "userId", key.userId(), "revokedAt", Long.toString(at.toEpochMilli()))).then();
    }

    /** Adds a finished call's cost; emits the new spend, or -1 when Redis does not hold the key. */
    Mono<Long> charge(String keySha256, long credits) {
        return redis.execute(CHARGE, List.of(redisKey(keySha256)), List.of(Long.toString(credits))).single();
    }
}
