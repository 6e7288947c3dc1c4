package io.creditgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.creditgate.gateway.web.GatewayException;
import reactor.core.publisher.Mono;

class FailedAuthenticationThrottleTest {

    private static final String SERVICE_KEY = "the-service-key";

    private final AtomicLong nowMillis = new AtomicLong(1_000_000);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(nowMillis.get());
        }
    };
    private final CallerIdentification identification = new CallerIdentification(
            new IdentityProperties(SERVICE_KEY, "X-User-Id", "X-User-Email", 3), null, null, null);
    private final FailedAuthenticationThrottle throttle = new FailedAuthenticationThrottle(3, identification, clock);
    private final AtomicInteger handled = new AtomicInteger();

    /** The handler behind the filter: refuses every credential but the service key, as the real one would. */
    private final WebFilterChain handler = exchange -> {
        handled.incrementAndGet();
        boolean serviceKey = identification.presentsServiceKey(exchange.getRequest().getHeaders());
        exchange.getResponse().setStatusCode(serviceKey ? HttpStatus.OK : HttpStatus.UNAUTHORIZED);
        return exchange.getResponse().setComplete();
    };

    private MockServerWebExchange call(String from, String path, String bearer) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path)
                .remoteAddress(new InetSocketAddress(from, 40_000)).header("Authorization", "Bearer " + bearer));
        throttle.filter(exchange, handler).block();
        return exchange;
    }

    @Test
    void refusesAnAddressAfterTooManyFailuresWithoutLookingAtItsCredential() {
        for (int guess = 0; guess < 3; guess++) {
            assertThat(call("10.0.0.7", "/v1/chat/completions", "sk-cg-guess" + guess).getResponse().getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        call("10.0.0.7", "/v1/chat/completions", "sk-cg-guess3");
        assertThat(handled).hasValue(4);

        assertThatThrownBy(() -> call("10.0.0.7", "/v1/chat/completions", "sk-cg-guess4"))
                .isInstanceOfSatisfying(GatewayException.class, refused -> {
                    assertThat(refused.error().status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(refused.error().code()).isEqualTo("authentication_throttled");
                    assertThat(refused.headers()).containsEntry("Retry-After", "60");
                });
        assertThat(handled).as("the throttled guess never reached identification").hasValue(4);
    }

    @Test
    void countsAFailureBeforeTheClientCanSeeIt() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions")
                .remoteAddress(new InetSocketAddress("10.0.0.9", 40_000)).header("Authorization", "Bearer wrong"));
        AtomicInteger countedWhenCommitted = new AtomicInteger(-1);
        WebFilterChain committingThenLingering = ex -> {
            ex.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
            // The head goes out here; the chain itself completes only later (as a write's completion does).
            return ex.getResponse().setComplete()
                    .then(Mono.fromRunnable(() -> countedWhenCommitted.set(throttle.failures("10.0.0.9"))));
        };
        throttle.filter(exchange, committingThenLingering).block();
        assertThat(countedWhenCommitted).as("counted before the chain completed").hasValue(1);
    }

    @Test
    void throttlesEachAddressOnItsOwnAndLetsTheServiceKeyThrough() {
        for (int guess = 0; guess < 4; guess++) {
            call("10.0.0.7", "/v1/models", "wrong" + guess);
        }
        assertThat(throttle.throttledForSeconds("10.0.0.7")).isEqualTo(60);
        assertThat(throttle.throttledForSeconds("10.0.0.8")).isZero();
        assertThat(call("10.0.0.8", "/v1/models", "wrong").getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call("10.0.0.7", "/v1/models", SERVICE_KEY).getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void forgivesAfterTheMinuteFromTheFirstFailure() {
        for (int guess = 0; guess < 4; guess++) {
            call("10.0.0.7", "/v1/models", "wrong" + guess);
        }
        nowMillis.addAndGet(59_001);
        assertThat(throttle.throttledForSeconds("10.0.0.7")).isEqualTo(1);
        nowMillis.addAndGet(1_000);
        assertThat(throttle.throttledForSeconds("10.0.0.7")).isZero();
        assertThat(call("10.0.0.7", "/v1/models", "wrong").getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void countsOnlyTheChatApi() {
        for (int call = 0; call < 10; call++) {
            call("10.0.0.7", "/api/keys", "wrong");
        }
        assertThat(throttle.throttledForSeconds("10.0.0.7")).isZero();
    }

    @Test
    void refusesANonsensicalSetting() {
        assertThatThrownBy(() -> new FailedAuthenticationThrottle(0, identification, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
