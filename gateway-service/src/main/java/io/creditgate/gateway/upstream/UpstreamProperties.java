package io.creditgate.gateway.upstream;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenAI-compatible upstream every metered call is forwarded to.
 *
 * @param url base URL without {@code /v1} (OpenAI, a LiteLLM proxy, the demo upstream)
 * @param apiKey sent upstream as {@code Authorization: Bearer}; none when blank. The client's service
 *     key is never forwarded
 * @param connectTimeout how long to wait for a TCP connection
 * @param idleTimeout the longest silence between two reads of one answer (a reasoning model may think
 *     for minutes before its first byte)
 * @param modelsTimeout how long {@code GET /v1/models} waits for the upstream before answering from the
 *     price table (LibreChat gives up after 5 s)
 * @param maxConnections connections kept open to the upstream; one per open stream
 */
@ConfigurationProperties("creditgate.upstream")
record UpstreamProperties(
        @DefaultValue("https://api.openai.com") URI url,
        String apiKey,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("3s") Duration modelsTimeout,
        @DefaultValue("10000") int maxConnections) {

    UpstreamProperties {
        if (url.getScheme() == null || url.getHost() == null) {
            throw new IllegalArgumentException("creditgate.upstream.url must be an absolute http(s) URL, got " + url);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("creditgate.upstream.max-connections must be at least 1");
        }
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "UpstreamProperties[url=" + url + ", apiKey=" + (hasApiKey() ? "***" : "none") + "]";
    }
}
