package io.creditgate.gateway.balance;

import java.util.List;

import io.creditgate.gateway.admission.UserKeys;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * Reads a user's standing from the Redis keys of the admission contract (docs/architecture.md), in one
 * script so that balance and pending belong to the same moment.
 */
@Component
public class CreditStandings {

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> STANDING =
            RedisScript.of(new ClassPathResource("io/creditgate/gateway/balance/standing.lua"), List.class);

    private final ReactiveStringRedisTemplate redis;
    private final String startingCredits;

    /** The starting credits are the same setting admission and the ledger use ({@code creditgate.starting-credits}). */
    CreditStandings(ReactiveStringRedisTemplate redis,
                    @Value("${creditgate.starting-credits:1000000}") long startingCredits) {
        this.redis = redis;
        this.startingCredits = Long.toString(startingCredits);
    }

    /** The user's standing now; fails when Redis does not answer (callers then leave the headers out). */
    public Mono<CreditStanding> read(UserId user) {
        return redis.execute(STANDING, List.of(UserKeys.account(user), UserKeys.pendingTotal(user)),
                        List.of(startingCredits))
                .single()
                .map(reply -> new CreditStanding(number(reply, 0), number(reply, 1), known(number(reply, 2)),
                        known(number(reply, 3))));
    }

    private static long number(List<?> reply, int index) {
        return ((Number) reply.get(index)).longValue();
    }

    /** The script answers -1 for a field the ledger has not written. */
    private static Long known(long value) {
        return value < 0 ? null : value;
    }
}
