package io.creditgate.ledger.reconciliation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import io.creditgate.ledger.reconciliation.ProviderSource.SourceUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One GET of a provider's JSON with the configured key and timeouts; every failure says what went wrong. */
final class ProviderHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_ERROR_BODY_CHARS = 300;

    private final ReconciliationProperties properties;
    private final HttpClient client;

    ProviderHttp(ReconciliationProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    JsonNode get(String pathAndQuery) {
        URI uri = URI.create(properties.baseUrl() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.readTimeout())
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SourceUnavailableException("the provider at " + properties.baseUrl() + " did not answer within "
                    + properties.readTimeout().toSeconds() + " s (creditgate.reconciliation.read-timeout)", e);
        } catch (IOException e) {
            throw new SourceUnavailableException("the provider at " + properties.baseUrl() + " cannot be reached ("
                    + e.getClass().getSimpleName() + "); check creditgate.reconciliation.url", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableException("interrupted while reading the provider", e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new SourceUnavailableException("the provider refused the key (HTTP " + response.statusCode()
                    + "); creditgate.reconciliation.api-key must be an OpenAI admin key or LiteLLM's master key");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SourceUnavailableException("the provider answered HTTP " + response.statusCode() + " to "
                    + uri.getPath() + ": " + shortened(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new SourceUnavailableException("the provider's answer to " + uri.getPath() + " is not JSON", e);
        }
    }

    private static String shortened(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MAX_ERROR_BODY_CHARS ? text : text.substring(0, MAX_ERROR_BODY_CHARS) + "…";
    }
}
