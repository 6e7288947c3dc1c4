package io.creditgate.gateway.upstream;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The HTTP client to the upstream. Bodies travel as raw bytes (no decoding, no compression) so that
 * what the upstream sends is what the client receives.
 */
@Component
public class Upstream {

    private final WebClient client;
    private final Duration modelsTimeout;

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
        WebClient.Builder builder = WebClient.builder()
                .baseUrl(properties.url().toString())
                .clientConnector(new ReactorClientHttpConnector(http));
        if (properties.hasApiKey()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey());
        }
        this.client = builder.build();
        this.modelsTimeout = properties.modelsTimeout();
    }

    /**
     * Forwards a chat completion. Emits the upstream's status, headers and a body that streams as it
     * arrives, whatever the status (4xx/5xx bodies pass through to the client).
     */
    public Mono<ResponseEntity<Flux<DataBuffer>>> chatCompletions(byte[] body) {
        return client.post().uri("/v1/chat/completions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .retrieve()
                .onStatus(status -> true, response -> Mono.empty())
                .toEntityFlux(DataBuffer.class);
    }

    /** The upstream's model list as raw JSON; fails after {@code models-timeout} or on a non-2xx answer. */
    public Mono<byte[]> models() {
        return client.get().uri("/v1/models").retrieve().bodyToMono(byte[].class).timeout(modelsTimeout);
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
