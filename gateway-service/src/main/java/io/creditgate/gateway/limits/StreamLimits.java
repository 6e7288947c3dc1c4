package io.creditgate.gateway.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Limits on streamed answers: how many one user may have open at once on this gateway, and how long one may
 * last. A stream's slot is held from {@link #open} until its exchange ends, however it ends (completed, failed,
 * client gone): this filter frees it, so no path through a call can leak one.
 *
 * <p>The count is per gateway instance, in memory: it protects this instance's connections and memory at no
 * cost on the hot path. Behind a load balancer a user may hold this many streams on each instance.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class StreamLimits implements WebFilter {

    private static final String SLOT = StreamLimits.class.getName() + ".slot";
    /** Until a stream ends nobody knows when a slot frees up; a short wait is the honest hint. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final int maxPerUser;
    private final Duration maxDuration;
    private final Map<String, Integer> openByUser = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    StreamLimits(LimitsProperties limits, GatewayMetrics metrics) {
        this.maxPerUser = limits.concurrentStreamsPerUser();
        this.maxDuration = limits.streamDuration();
        metrics.streamsOpen(open::get);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).doFinally(signal -> close(exchange));
    }

    /**
     * Takes one of the user's stream slots for this exchange, or fails with 429
     * {@code concurrent_streams_exceeded} when they are all taken. Call once the call is known to stream,
     * before anything is reserved or forwarded.
     */
    public void open(ServerWebExchange exchange, UserId user) {
        if (exchange.getAttributes().containsKey(SLOT)) {
            return;
        }
        if (maxPerUser == 0) {
            // No per-user limit, but the stream still counts in creditgate.streams.open.
            open.incrementAndGet();
            exchange.getAttributes().put(SLOT, user.value());
            return;
        }
        AtomicBoolean taken = new AtomicBoolean();
        openByUser.compute(user.value(), (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            taken.set(true);
            return current + 1;
        });
        if (!taken.get()) {
            throw new OpenAiError(HttpStatus.TOO_MANY_REQUESTS, "Too many answers streaming at once: each user may have "
                    + maxPerUser + " open at a time. Wait for one to finish, then try again.", RateLimits.TYPE,
                    "concurrent_streams_exceeded", null).asException(Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
        }
        open.incrementAndGet();
        exchange.getAttributes().put(SLOT, user.value());
    }

    /**
     * The upstream's answer, cut off after {@code stream-duration}: the upstream is then cancelled (its
     * connection closed, so the provider stops generating) and the flux fails with {@link StreamTooLong}.
     */
    public Flux<DataBuffer> limitDuration(Flux<DataBuffer> upstreamBody) {
        return Flux.defer(() -> {
            AtomicBoolean expired = new AtomicBoolean();
            Mono<Long> deadline = Mono.delay(maxDuration).doOnNext(tick -> expired.set(true));
            return upstreamBody.takeUntilOther(deadline)
                    .concatWith(Mono.defer(() -> expired.get() ? Mono.error(new StreamTooLong(maxDuration)) : Mono.empty()));
        });
    }

    private void close(ServerWebExchange exchange) {
        Object user = exchange.getAttributes().remove(SLOT);
        if (user != null) {
            openByUser.computeIfPresent((String) user, (id, count) -> count <= 1 ? null : count - 1);
            open.decrementAndGet();
        }
    }

    /** A stream stopped by the gateway because it lasted longer than {@code creditgate.limits.stream-duration}. */
    public static final class StreamTooLong extends RuntimeException {

        private final transient OpenAiError error;

        StreamTooLong(Duration limit) {
            super("stream longer than " + limit, null, false, false);
            // Sent as the last event of a stream that already began with 200: the status is never sent.
            this.error = new OpenAiError(HttpStatus.OK, "The answer was stopped: it streamed longer than this gateway "
                    + "allows (" + describe(limit) + "). The part generated so far is billed.", "server_error",
                    "stream_duration_exceeded", null);
        }

        /** The error to send as the stream's last event. */
        public OpenAiError error() {
            return error;
        }

        private static String describe(Duration limit) {
            long seconds = limit.toSeconds();
            return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : limit.toMillis() % 1000 == 0
                    ? seconds + " s" : limit.toMillis() + " ms";
        }
    }
}
