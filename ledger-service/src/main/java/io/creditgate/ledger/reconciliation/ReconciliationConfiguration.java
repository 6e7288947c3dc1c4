package io.creditgate.ledger.reconciliation;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the provider's source from {@code creditgate.reconciliation.*}; an incomplete setting is said, not guessed. */
@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

    @Bean
    ReconciliationRuns reconciliationRuns(ReconciliationProperties properties, OurUsage ours, Clock clock,
            ReconciliationMetrics metrics) {
        String missing = missingSetting(properties);
        if (missing != null) {
            return new ReconciliationRuns(null, missing, metrics);
        }
        ProviderHttp http = new ProviderHttp(properties);
        ProviderSource source = properties.source().equals("openai")
                ? new OpenAiUsageSource(http, properties.maxPages())
                : new LiteLlmSpendLogsSource(http);
        return new ReconciliationRuns(new Reconciliation(source, ours, properties.tolerancePercent(), clock), null, metrics);
    }

    /** What finance's operator must set before the report can run, or null when the settings are complete. */
    static String missingSetting(ReconciliationProperties properties) {
        if (properties.source().equals("none")) {
            return "no provider to reconcile with: set creditgate.reconciliation.source (CREDITGATE_RECONCILIATION_SOURCE)"
                    + " to openai or litellm, with its url and api-key";
        }
        if (properties.baseUrl() == null) {
            return "creditgate.reconciliation.url (CREDITGATE_RECONCILIATION_URL) is not set: the " + properties.source()
                    + " base URL without /v1";
        }
        if (properties.apiKey() == null || properties.apiKey().isBlank()) {
            return "creditgate.reconciliation.api-key (CREDITGATE_RECONCILIATION_API_KEY) is not set: "
                    + (properties.source().equals("openai") ? "an OpenAI admin key" : "LiteLLM's master key");
        }
        return null;
    }
}
