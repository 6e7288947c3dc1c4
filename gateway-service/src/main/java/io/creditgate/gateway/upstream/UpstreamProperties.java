package io.creditgate.gateway.upstream;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The upstreams metered calls are forwarded to: an OpenAI-compatible one for every OpenAI path, and an
 * Anthropic one for {@code /v1/messages} (the same server unless set apart, as with a LiteLLM proxy or the
 * demo upstream, which speak both).
 *
 * @param url base URL without {@code /v1} (OpenAI, a LiteLLM proxy, the demo upstream)
 * @param apiKey sent upstream as {@code Authorization: Bearer}; none when blank. The client's service
 *     key is never forwarded
 * @param anthropicUrl base URL of the Anthropic upstream, without {@code /v1}; {@code url} when blank
 * @param anthropicApiKey sent to the Anthropic upstream as {@code x-api-key}; none when blank
 * @param anthropicVersion the {@code anthropic-version} header sent when the client names none
 * @param connectTimeout how long to wait for a TCP connection (504 {@code upstream_timeout} beyond)
 * @param responseTimeout how long to wait for the answer's headers once the call is sent (504 beyond); a
 *     non-streaming answer's headers come only when the whole answer is done, so this bounds those calls
 * @param idleTimeout the longest silence between two reads of one answer (a reasoning model may think
 *     for minutes before its first byte)
 * @param modelsTimeout how long {@code GET /v1/models} waits for the upstream before answering from the
 *     price table (LibreChat gives up after 5 s)
 * @param maxConnections connections kept open to the upstreams; one per open stream
 */
@ConfigurationProperties("creditgate.upstream")
record UpstreamProperties(
        @DefaultValue("https://api.openai.com") URI url,
        String apiKey,
        String anthropicUrl,
        String anthropicApiKey,
        @DefaultValue("2023-06-01") String anthropicVersion,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10m") Duration responseTimeout,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("3s") Duration modelsTimeout,
        @DefaultValue("10000") int maxConnections) {

    UpstreamProperties {
        requireAbsolute("creditgate.upstream.url", url);
        if (anthropicUrl != null && !anthropicUrl.isBlank()) {
            requireAbsolute("creditgate.upstream.anthropic-url", URI.create(anthropicUrl.strip()));
        }
        if (connectTimeout.toMillis() < 1 || responseTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.upstream.connect-timeout and response-timeout must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("creditgate.upstream.max-connections must be at least 1");
        }
    }

    boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    boolean hasAnthropicApiKey() {
        return anthropicApiKey != null && !anthropicApiKey.isBlank();
    }

    /** Where {@code /v1/messages} goes: the Anthropic URL, or the OpenAI-compatible one when none is set. */
    URI anthropicBaseUrl() {
        return anthropicUrl == null || anthropicUrl.isBlank() ? url : URI.create(anthropicUrl.strip());
    }

    private static void requireAbsolute(String name, URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, got " + uri);
        }
    }

    @Override
    public String toString() {
        // Keeps the keys out of logs and actuator output.
        return "UpstreamProperties[url=" + url + ", apiKey=" + (hasApiKey() ? "***" : "none") + ", anthropicUrl="
                + anthropicBaseUrl() + ", anthropicApiKey=" + (hasAnthropicApiKey() ? "***" : "none") + "]";
    }
}
