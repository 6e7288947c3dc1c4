package io.creditgate.gateway.limits;

import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.redis.LuaScript;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Per-user requests-per-minute and tokens-per-minute limits, kept in Redis so that every gateway instance
 * counts against the same buckets ({@code rate-limit.lua} says how they work). Both are off (0) by default;
 * when both are off no Redis command is sent at all.
 */
@Component
public class RateLimits {

    static final String TYPE = "rate_limit_exceeded";

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> CHECK =
            LuaScript.load(RateLimits.class, "rate-limit.lua", List.class);
    private static final RedisScript<Long> COUNT_TOKENS =
            LuaScript.load(RateLimits.class, "rate-tokens.lua", Long.class);
    private static final long REQUESTS_REFUSED = 1;

    private final ReactiveStringRedisTemplate redis;
    private final int requestsPerMinute;
    private final long tokensPerMinute;

    RateLimits(ReactiveStringRedisTemplate redis, LimitsProperties limits) {
        this.redis = redis;
        this.requestsPerMinute = limits.requestsPerMinute();
        this.tokensPerMinute = limits.tokensPerMinute();
    }

    /**
     * Takes one request from the user's bucket. Fails with a 429 {@code rate_limit_exceeded} carrying
     * {@code Retry-After} when a limit is reached, or with Redis's own error when Redis cannot answer (the
     * caller applies the failure mode).
     */
    public Mono<Void> admit(UserId user) {
        if (requestsPerMinute == 0 && tokensPerMinute == 0) {
            return Mono.empty();
        }
        return redis.execute(CHECK, List.of(requestsKey(user), tokensKey(user)),
                        List.of(Integer.toString(requestsPerMinute), Long.toString(tokensPerMinute)))
                .single()
                .flatMap(result -> {
                    long refused = ((Number) result.get(0)).longValue();
                    if (refused == 0) {
                        return Mono.empty();
                    }
                    long retryAfterMillis = ((Number) result.get(1)).longValue();
                    return Mono.error(refused == REQUESTS_REFUSED ? tooManyRequests(retryAfterMillis)
                            : tooManyTokens(retryAfterMillis));
                });
    }

    /** Counts a finished call's tokens against the user's tokens-per-minute bucket; nothing when that limit is off. */
    public Mono<Void> countTokens(String userId, long tokens) {
        if (tokensPerMinute == 0 || tokens <= 0) {
            return Mono.empty();
        }
        return redis.execute(COUNT_TOKENS, List.of(tokensKey(new UserId(userId))),
                List.of(Long.toString(tokens), Long.toString(tokensPerMinute))).then();
    }

    private RuntimeException tooManyRequests(long retryAfterMillis) {
        long seconds = retryAfterSeconds(retryAfterMillis);
        return new OpenAiError(HttpStatus.TOO_MANY_REQUESTS, "Rate limit reached: each user may start "
                + requestsPerMinute + " requests per minute. Try again in " + seconds + " s.", TYPE,
                "requests_per_minute_exceeded", null).asException(Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    private RuntimeException tooManyTokens(long retryAfterMillis) {
        long seconds = retryAfterSeconds(retryAfterMillis);
        return new OpenAiError(HttpStatus.TOO_MANY_REQUESTS, "Rate limit reached: each user may use "
                + tokensPerMinute + " tokens per minute. Try again in " + seconds + " s.", TYPE,
                "tokens_per_minute_exceeded", null).asException(Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }

    /** Retry-After holds whole seconds; rounding up means a client that waits as told is admitted. */
    static long retryAfterSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    // Same hash tag as the admission keys: one user's keys stay on one Redis Cluster slot.
    static String requestsKey(UserId user) {
        return "cg:{" + user.value() + "}:rate:requests";
    }

    static String tokensKey(UserId user) {
        return "cg:{" + user.value() + "}:rate:tokens";
    }
}
