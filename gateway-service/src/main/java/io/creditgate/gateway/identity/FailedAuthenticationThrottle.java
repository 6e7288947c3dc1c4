package io.creditgate.gateway.identity;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Bounds failed authentications on the chat API ({@code /v1/**}) per client address, so that guessing virtual keys
 * (or the service key) is slow: once an address has had more than {@code failuresPerMinute} answers 401 in a minute
 * (counted from its first failure), its further calls are refused with 429 {@code authentication_throttled} and a
 * {@code Retry-After} until that minute is over — without their credential being looked at, so a guess made while
 * throttled tells nothing. Calls with the service key pass even then: LibreChat behind the same address (a shared
 * proxy) is never locked out by a guesser beside it, and the key itself is 256 random bits.
 *
 * <p>Counts live in this instance's memory (like the console's sign-in throttle): with N gateways behind a balancer
 * the bound is N times the setting. Behind a proxy, set {@code server.forward-headers-strategy} so that the client's
 * own address is counted, not the proxy's.
 */
@Component
class FailedAuthenticationThrottle implements WebFilter, Ordered {

    /** Above this many addresses the map is cleared: memory stays bounded under a flood from many addresses. */
    static final int ADDRESSES_MAX = 100_000;
    static final long WINDOW_MILLIS = 60_000;
    private static final String CHAT_PREFIX = "/v1/";

    private final int failuresPerMinute;
    private final CallerIdentification identification;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Autowired
    FailedAuthenticationThrottle(IdentityProperties identity, CallerIdentification identification) {
        this(identity.failedAuthenticationsPerMinute(), identification, Clock.systemUTC());
    }

    FailedAuthenticationThrottle(int failuresPerMinute, CallerIdentification identification, Clock clock) {
        if (failuresPerMinute < 1) {
            throw new IllegalArgumentException("creditgate.identity.failed-authentications-per-minute must be at least 1, was "
                    + failuresPerMinute);
        }
        this.failuresPerMinute = failuresPerMinute;
        this.identification = identification;
        this.clock = clock;
    }

    /** Failures counted since {@code startedAtMillis}; a window lasts one minute from its first failure. */
    private record Window(long startedAtMillis, int failures) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(CHAT_PREFIX)) {
            return chain.filter(exchange);
        }
        String client = clientOf(exchange);
        long retryAfterSeconds = throttledForSeconds(client);
        if (retryAfterSeconds > 0 && !identification.presentsServiceKey(exchange.getRequest().getHeaders())) {
            return Mono.error(new OpenAiError(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications from your "
                    + "address. Check your API key, then try again in " + retryAfterSeconds + " s.",
                    "authentication_error", "authentication_throttled", null)
                    .asException(Map.of("Retry-After", Long.toString(retryAfterSeconds))));
        }
        // Counted as the answer's head is committed, not when the chain completes: by then the client may already
        // hold the 401 and have sent its next guess on another connection (another event loop), which would be
        // checked before this failure was counted.
        exchange.getResponse().beforeCommit(() -> {
            if (exchange.getResponse().getStatusCode() == HttpStatus.UNAUTHORIZED) {
                failed(client);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** Counts one failed authentication of the client. */
    void failed(String client) {
        if (windows.size() > ADDRESSES_MAX) {
            windows.clear();
        }
        long now = clock.millis();
        windows.compute(client, (key, window) -> window == null || now - window.startedAtMillis() >= WINDOW_MILLIS
                ? new Window(now, 1) : new Window(window.startedAtMillis(), window.failures() + 1));
    }

    /** Failures counted in the client's current window (0 when it has none). */
    int failures(String client) {
        Window window = windows.get(client);
        return window == null || clock.millis() - window.startedAtMillis() >= WINDOW_MILLIS ? 0 : window.failures();
    }

    /** Seconds until the client may try again (rounded up), or 0 when it is not throttled. */
    long throttledForSeconds(String client) {
        Window window = windows.get(client);
        if (window == null || window.failures() <= failuresPerMinute) {
            return 0;
        }
        long left = window.startedAtMillis() + WINDOW_MILLIS - clock.millis();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    private static String clientOf(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** After the request ids (so a refusal carries one), before anything reads the body or the credential. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
