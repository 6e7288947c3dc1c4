package io.creditgate.gateway.upstream;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.creditgate.gateway.metrics.CallTiming;
import io.creditgate.gateway.web.OpenAiError;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client to the upstreams (one connection pool for both providers). Bodies travel as raw bytes
 * (no decoding, no compression) so that what the upstream sends is what the client receives.
 *
 * <p>Metered calls go through Reactor Netty's {@link HttpClient} itself, not through Spring's WebClient on
 * top of it: WebClient's per-request work (URI templates, log prefixes, status handlers, header copies) was
 * about a tenth of the gateway's CPU in the profile, and a proxy needs none of it. The model list, off the
 * hot path, keeps WebClient.
 */
@Component
public class Upstream {

    private static final NettyDataBufferFactory BUFFERS = new NettyDataBufferFactory(ByteBufAllocator.DEFAULT);

    private final HttpClient openAiCalls;
    private final HttpClient anthropicCalls;
    private final WebClient openAi;
    private final Duration modelsTimeout;
    /** The wait for the headers when it is shorter than the idle timeout, else null (the idle timeout bounds it). */
    private final Duration responseTimeout;

    Upstream(UpstreamProperties properties) {
        ConnectionProvider pool = ConnectionProvider.builder("creditgate-upstream")
                .maxConnections(properties.maxConnections())
                .pendingAcquireTimeout(properties.connectTimeout())
                // Close idle pooled connections before a load balancer in front of the upstream does.
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.idleTimeout())
                // A chat call is billed by the provider once it is sent: never re-send it on our own.
                .disableRetry(true)
                .compress(false);
        this.openAiCalls = http.baseUrl(properties.url().toString()).headers(headers -> {
            if (properties.hasApiKey()) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
            }
        });
        this.anthropicCalls = http.baseUrl(properties.anthropicBaseUrl().toString()).headers(headers -> {
            headers.set("anthropic-version", properties.anthropicVersion());
            if (properties.hasAnthropicApiKey()) {
                headers.set("x-api-key", properties.anthropicApiKey());
            }
        });
        WebClient.Builder openAiBuilder = WebClient.builder().baseUrl(properties.url().toString())
                .clientConnector(new ReactorClientHttpConnector(http));
        if (properties.hasApiKey()) {
            openAiBuilder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
        }
        this.openAi = openAiBuilder.build();
        this.modelsTimeout = properties.modelsTimeout();
        // The idle timeout (a read timeout on the connection, on its own event loop) already bounds the wait for
        // the headers, which is a silence too: a separate timer per call is needed only when the header wait
        // must be shorter. A Reactor timer costs a task on a shared scheduler per call.
        this.responseTimeout = properties.responseTimeout().compareTo(properties.idleTimeout()) < 0
                ? properties.responseTimeout() : null;
    }

    /**
     * Forwards a metered call to its provider. Emits the upstream's status, headers and a body that streams
     * as it arrives, whatever the status (4xx/5xx bodies pass through to the client).
     *
     * @param path the API path, e.g. {@code /v1/responses}
     * @param headers headers of the client's to pass on (e.g. {@code anthropic-version}); they replace the
     *     gateway's defaults of the same name, never its credentials
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> forward(Provider provider, String path, byte[] body,
                                                          HttpHeaders headers) {
        HttpClient client = provider == Provider.ANTHROPIC ? anthropicCalls : openAiCalls;
        return client.post().uri(path)
                .send((request, outbound) -> {
                    HttpHeaders requestHeaders = new HttpHeaders(new Netty4HeadersAdapter(request.requestHeaders()));
                    // The client's headers replace the defaults of the same name (never the credentials: the
                    // API classes pass on only what they name).
                    headers.forEach(requestHeaders::put);
                    requestHeaders.setContentType(MediaType.APPLICATION_JSON);
                    requestHeaders.setContentLength(body.length);
                    return outbound.send(Mono.just(Unpooled.wrappedBuffer(body)));
                })
                .responseConnection((response, connection) -> Mono.just(answer(response, connection)))
                .next()
                .transform(this::timed);
    }

    /**
     * The upstream's status and headers, and its body as it arrives. The body is read from the connection
     * when the caller subscribes (as WebClient does it): each buffer is retained for the caller, who
     * releases it once written to the client; a caller that cancels closes the connection.
     */
    private static ResponseEntity<Flux<DataBuffer>> answer(HttpClientResponse response, Connection connection) {
        HttpHeaders headers = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders(new Netty4HeadersAdapter(response.responseHeaders())));
        Flux<DataBuffer> body = connection.inbound().receive()
                .map(buffer -> (DataBuffer) BUFFERS.wrap(buffer.retain()))
                .doOnCancel(connection::dispose);
        return new ResponseEntity<>(body, headers, HttpStatusCode.valueOf(response.status().code()));
    }

    /**
     * Bounds the wait for the answer's headers by {@code response-timeout} (a {@link TimeoutException}, then
     * a 504) and marks the upstream's share of the exchange's time for the added-latency metric.
     */
    private Mono<ResponseEntity<Flux<DataBuffer>>> timed(Mono<ResponseEntity<Flux<DataBuffer>>> call) {
        return Mono.deferContextual(context -> {
            CallTiming timing = CallTiming.of(context);
            Mono<ResponseEntity<Flux<DataBuffer>>> bounded = responseTimeout == null ? call : call.timeout(responseTimeout);
            if (timing == null) {
                return bounded;
            }
            return bounded
                    .doOnSubscribe(subscription -> timing.upstreamStarted())
                    .map(answer -> {
                        boolean stream = MediaType.TEXT_EVENT_STREAM.isCompatibleWith(answer.getHeaders().getContentType());
                        Flux<DataBuffer> body = answer.getBody() == null ? Flux.empty() : answer.getBody();
                        // doOnTerminate, not doFinally: the mark must be set before the end reaches the client.
                        return new ResponseEntity<>(body.doOnTerminate(() -> timing.upstreamEnded(stream)),
                                answer.getHeaders(), answer.getStatusCode());
                    });
        });
    }

    /** The upstream's model list as raw JSON; fails after {@code models-timeout} or on a non-2xx answer. */
    public Mono<byte[]> models() {
        return openAi.get().uri("/v1/models").retrieve().bodyToMono(byte[].class).timeout(modelsTimeout);
    }

    /**
     * The error a client gets for a call whose upstream failed before its answer began: 504
     * {@code upstream_timeout} when the upstream took too long (to connect, to answer, or between two reads),
     * else 502 {@code upstream_unavailable}.
     */
    public static OpenAiError failure(Throwable failure) {
        if (timedOut(failure)) {
            return new OpenAiError(HttpStatus.GATEWAY_TIMEOUT, "The upstream model provider did not answer in time. "
                    + "Try again in a moment.", "server_error", "upstream_timeout", null);
        }
        String message = failure instanceof DataBufferLimitException
                ? "The upstream's answer is larger than this gateway accepts."
                : "The upstream model provider could not be reached or did not answer. Try again in a moment.";
        return new OpenAiError(HttpStatus.BAD_GATEWAY, message, "server_error", "upstream_unavailable", null);
    }

    /** The message of the last event of a stream whose upstream broke off. */
    public static String midStreamMessage(Throwable failure) {
        return timedOut(failure)
                ? "The upstream model provider stopped sending the answer and timed out mid-stream."
                : "The upstream model provider stopped answering mid-stream.";
    }

    /** True when the upstream took longer than a timeout allows: to connect, to answer, or between two reads. */
    public static boolean timedOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ReadTimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** True when a failure happened before the request could have reached the upstream. */
    public static boolean neverReached(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }
}
