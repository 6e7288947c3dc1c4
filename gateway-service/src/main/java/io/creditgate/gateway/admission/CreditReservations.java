package io.creditgate.gateway.admission;

import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * The gateway's side of the Redis admission contract (docs/architecture.md): reserve, settle, release.
 * Scripts run by EVALSHA with an EVAL fallback (Spring Data Redis does this), on Lettuce's one shared
 * connection, with the command timeout set in {@code spring.data.redis.timeout}.
 */
@Component
class CreditReservations {

    static final long REFUSED = -1;

    private static final RedisScript<Long> RESERVE =
            RedisScript.of(new ClassPathResource("io/creditgate/gateway/admission/reserve.lua"), Long.class);
    private static final RedisScript<Long> SETTLE =
            RedisScript.of(new ClassPathResource("io/creditgate/gateway/admission/settle.lua"), Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final long startingCredits;

    CreditReservations(ReactiveStringRedisTemplate redis, StartingCreditsProperties properties) {
        this.redis = redis;
        this.startingCredits = properties.startingCredits();
    }

    /** Reserves up to {@code requestedCredits}; emits the credits reserved, or {@link #REFUSED}. */
    Mono<Long> reserve(UserId user, String eventId, long requestedCredits) {
        return redis.execute(RESERVE, List.of(accountKey(user), pendingKey(user)),
                List.of(eventId, Long.toString(requestedCredits), Long.toString(startingCredits))).single();
    }

    /** Replaces the reservation by the real cost; emits the reservation replaced, or -1 if there was none. */
    Mono<Long> settle(UserId user, String eventId, long costCredits) {
        return redis.execute(SETTLE, List.of(pendingKey(user)), List.of(eventId, Long.toString(costCredits)))
                .single();
    }

    /** Drops a reservation of a call that never reached the upstream. */
    Mono<Void> release(UserId user, String eventId) {
        return redis.opsForHash().remove(pendingKey(user), eventId).then();
    }

    // The user id sits in a hash tag so that a Redis Cluster keeps one user's keys on one slot.
    static String accountKey(UserId user) {
        return "cg:{" + user.value() + "}:account";
    }

    static String pendingKey(UserId user) {
        return "cg:{" + user.value() + "}:pending";
    }
}
