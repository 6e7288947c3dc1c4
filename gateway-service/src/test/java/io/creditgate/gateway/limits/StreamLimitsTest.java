package io.creditgate.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;

import io.creditgate.gateway.identity.UserId;
import io.creditgate.gateway.metrics.GatewayMetrics;
import io.creditgate.gateway.web.GatewayException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

class StreamLimitsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UserId user = new UserId("u");

    @Test
    void countsOpenStreamsEvenWithoutAPerUserLimitAndUncountsThemWhenTheExchangeEnds() {
        StreamLimits limits = limits(0);
        ServerWebExchange first = exchange();
        ServerWebExchange second = exchange();

        limits.open(first, user);
        limits.open(second, user);
        assertThat(open()).isEqualTo(2);

        limits.filter(first, exchange -> Mono.empty()).block();
        assertThat(open()).isEqualTo(1);
    }

    @Test
    void refusesTheStreamBeyondTheUsersLimitWithoutCountingIt() {
        StreamLimits limits = limits(1);
        limits.open(exchange(), user);

        assertThatThrownBy(() -> limits.open(exchange(), user))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().code()).isEqualTo("concurrent_streams_exceeded"));
        assertThat(open()).isEqualTo(1);
    }

    private StreamLimits limits(int perUser) {
        return new StreamLimits(new LimitsProperties(DataSize.ofMegabytes(4), DataSize.ofMegabytes(64), 0, 0,
                Duration.ofMinutes(10), perUser), new GatewayMetrics(registry));
    }

    private double open() {
        return registry.get("creditgate.streams.open").gauge().value();
    }

    private static ServerWebExchange exchange() {
        return MockServerWebExchange.from(MockServerHttpRequest.post("/v1/chat/completions"));
    }
}
