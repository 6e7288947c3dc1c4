package io.creditgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.sun.net.httpserver.HttpServer;

import io.creditgate.gateway.web.OpenAiError;

/**
 * The wait for an answer's headers is bounded either by the response timeout (when it is the shorter one)
 * or by the idle timeout (a silence on the connection); both end in a 504 {@code upstream_timeout}.
 */
class UpstreamTimeoutTest {

    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer silent = silentServer();

    @AfterEach
    void stop() {
        released.countDown();
        silent.stop(0);
    }

    @Test
    void aResponseTimeoutShorterThanTheIdleTimeoutEndsTheWait() {
        Throwable failure = callWith(Duration.ofMillis(500), Duration.ofMinutes(10));

        assertThat(Upstream.timedOut(failure)).as(failure.toString()).isTrue();
        assertThat(Upstream.failure(failure)).extracting(OpenAiError::status, OpenAiError::code)
                .containsExactly(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout");
    }

    @Test
    void withoutAShorterResponseTimeoutTheIdleTimeoutEndsTheWait() {
        Throwable failure = callWith(Duration.ofMinutes(10), Duration.ofMillis(500));

        assertThat(Upstream.timedOut(failure)).as(failure.toString()).isTrue();
        assertThat(Upstream.failure(failure)).extracting(OpenAiError::status, OpenAiError::code)
                .containsExactly(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout");
    }

    private Throwable callWith(Duration responseTimeout, Duration idleTimeout) {
        Upstream upstream = new Upstream(new UpstreamProperties(
                URI.create("http://127.0.0.1:" + silent.getAddress().getPort()), null, null, null, "2023-06-01",
                Duration.ofSeconds(5), responseTimeout, idleTimeout, Duration.ofSeconds(3), 10));
        long started = System.nanoTime();
        Throwable failure = upstream.forward(Provider.OPENAI, "/v1/chat/completions",
                        "{}".getBytes(StandardCharsets.UTF_8), new HttpHeaders())
                .then()
                .materialize()
                .block(Duration.ofSeconds(20))
                .getThrowable();
        assertThat(failure).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        return failure;
    }

    /** Takes every request and never answers it (until the test ends). */
    private HttpServer silentServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
