package io.creditgate.ledger.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the provider's own record of usage is read, and how far the two records may differ before a row is flagged.
 *
 * @param source {@code none} (the report answers 503 saying what to set), {@code openai} (the organisation usage API)
 *        or {@code litellm} (LiteLLM's spend logs)
 * @param url the provider's base URL without {@code /v1} ({@code https://api.openai.com}, {@code http://litellm:4000})
 * @param apiKey an OpenAI admin key or LiteLLM's master key; from the environment only
 * @param connectTimeout how long to wait for a connection to the provider
 * @param readTimeout how long one page of the provider's answer may take
 * @param tolerancePercent a measure whose |drift| is above this many percent flags its row (default 0.5)
 * @param maxPages the most pages read from the provider for one report (a limit on a misbehaving cursor)
 */
@ConfigurationProperties("creditgate.reconciliation")
public record ReconciliationProperties(
        @DefaultValue("none") String source,
        String url,
        String apiKey,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("0.5") BigDecimal tolerancePercent,
        @DefaultValue("200") int maxPages) {

    public ReconciliationProperties {
        if (!source.equals("none") && !source.equals("openai") && !source.equals("litellm")) {
            throw new IllegalArgumentException("creditgate.reconciliation.source must be none, openai or litellm, was '"
                    + source + "'");
        }
        if (tolerancePercent.signum() < 0) {
            throw new IllegalArgumentException("creditgate.reconciliation.tolerance-percent must not be negative");
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("creditgate.reconciliation.max-pages must be at least 1");
        }
    }

    /** The base URL without a trailing slash, or null when not set. */
    String baseUrl() {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
