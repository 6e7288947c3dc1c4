package io.creditgate.gateway.admission;

import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.redis.LuaScript;
import reactor.core.publisher.Mono;

/**
 * The gateway's side of the Redis admission contract (docs/architecture.md): reserve, settle, release, the
 * renewal of reservations in flight, and the release of expired ones. Scripts run by EVALSHA with an EVAL fallback (Spring Data Redis does
 * this), on Lettuce's one shared connection, with the command timeout set in {@code spring.data.redis.timeout}.
 */
@Component
class CreditReservations {

    static final long REFUSED = -1;
    /** The user is blocked by an admin (the ledger wrote status BLOCKED): refused whatever the balance. */
    static final long BLOCKED = -2;
    /** Expired reservations released by one script run at most, so that one script never runs long. */
    static final int RELEASE_BATCH = 100;

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> RESERVE = script("reserve.lua", List.class);
    private static final RedisScript<Long> SETTLE = script("settle.lua", Long.class);
    private static final RedisScript<Long> RELEASE = script("release.lua", Long.class);
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> SWEEP = script("sweep.lua", List.class);
    private static final RedisScript<Long> RENEW = script("renew.lua", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final long startingCredits;
    private final String reservationTtlMillis;

    /**
     * A reservation lives {@code reservation-ttl} from its last renewal ({@link ReservationLeases} renews those of
     * calls still running), so the TTL need not outlast the longest call, only a stalled renewal or two.
     */
    CreditReservations(ReactiveStringRedisTemplate redis, StartingCreditsProperties startingCredits,
                       AdmissionProperties admission) {
        this.redis = redis;
        this.startingCredits = startingCredits.startingCredits();
        this.reservationTtlMillis = Long.toString(admission.reservationTtl().toMillis());
    }

    /**
     * The outcome of one reserve: the credits reserved (or {@link #REFUSED} or {@link #BLOCKED}), the expired
     * reservations released first, and the user's standing right after (this reservation included), read in
     * the same script so that the credit headers cost no second round trip; and whether the ledger's account of the
     * user was in Redis (false for a user the ledger has not seen, and for every user after Redis lost its data).
     */
    record Reservation(long reservedCredits, long expiredReleased, CreditStanding standing, boolean accountKnown) {
    }

    /** Releases the user's expired reservations, then reserves up to {@code requestedCredits}. */
    Mono<Reservation> reserve(UserId user, String eventId, long requestedCredits) {
        return redis.execute(RESERVE, List.of(UserKeys.account(user), UserKeys.pending(user), UserKeys.pendingAt(user), UserKeys.pendingTotal(user)),
                        List.of(eventId, Long.toString(requestedCredits), Long.toString(startingCredits),
                                reservationTtlMillis, Integer.toString(RELEASE_BATCH)))
                .single()
                .map(result -> new Reservation(number(result, 0), number(result, 1), new CreditStanding(number(result, 2),
                        number(result, 3), known(number(result, 4)), known(number(result, 5))), number(result, 6) == 1));
    }

    /**
     * True when the ledger has marked this Redis as holding every account ({@code cg:projection = complete}); false
     * when Redis lost its data (or the ledger never wrote it) and is being written again.
     */
    Mono<Boolean> projectionComplete() {
        return redis.opsForValue().get(UserKeys.PROJECTION_MARKER).map(UserKeys.PROJECTION_COMPLETE::equals)
                .defaultIfEmpty(false);
    }

    /** Replaces the reservation by the real cost; emits the reservation replaced, or -1 if there was none. */
    Mono<Long> settle(UserId user, String eventId, long costCredits) {
        return redis.execute(SETTLE, List.of(UserKeys.pending(user), UserKeys.pendingAt(user), UserKeys.pendingTotal(user)),
                List.of(eventId, Long.toString(costCredits))).single();
    }

    /** Drops a reservation of a call that never reached the upstream. */
    Mono<Void> release(UserId user, String eventId) {
        return redis.execute(RELEASE, List.of(UserKeys.pending(user), UserKeys.pendingAt(user), UserKeys.pendingTotal(user)), List.of(eventId)).then();
    }

    /** Gives the user's reservations of calls still running the time now; emits how many were renewed. */
    Mono<Long> renew(UserId user, List<String> eventIds) {
        return redis.execute(RENEW, List.of(UserKeys.pendingAt(user)), eventIds).single();
    }

    /**
     * Releases the expired reservations of the user whose {@code pending-at} key this is.
     *
     * @return {released, still outstanding}
     */
    Mono<long[]> sweep(String pendingAtKey) {
        String pendingKey = pendingAtKey.substring(0, pendingAtKey.length() - UserKeys.AT_SUFFIX.length());
        return redis.execute(SWEEP, List.of(pendingKey, pendingAtKey, pendingKey + UserKeys.TOTAL_SUFFIX),
                        List.of(reservationTtlMillis, Integer.toString(RELEASE_BATCH)))
                .single()
                .map(result -> new long[] {number(result, 0), number(result, 1)});
    }

    private static long number(List<?> result, int index) {
        return ((Number) result.get(index)).longValue();
    }

    /** The script answers -1 for a cycle field the ledger has not written. */
    private static Long known(long value) {
        return value < 0 ? null : value;
    }

    private static <T> RedisScript<T> script(String name, Class<T> resultType) {
        return LuaScript.load(CreditReservations.class, name, resultType);
    }
}
