package io.creditgate.payment.stripe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Stripe settings ({@code creditgate.stripe.*}; env names in application.yml).
 *
 * @param secretKey the API secret key ({@code STRIPE_SECRET_KEY}); blank: manual-only mode
 * @param webhookSecret the endpoint's signing secrets ({@code STRIPE_WEBHOOK_SECRET}), comma-separated: while a
 *     secret is rolled in Stripe's dashboard both the old and the new one are accepted
 * @param apiBase where the API is ({@code CREDITGATE_STRIPE_API_BASE}): Stripe's own, or the demo Stripe
 * @param webhookTolerance how old a signed webhook may be (Stripe's library default, 300 s)
 * @param maxNetworkRetries retries of a failed API call by stripe-java (it sends an idempotency key with each)
 */
@ConfigurationProperties("creditgate.stripe")
public record StripeProperties(String secretKey, String webhookSecret, String apiBase, Duration webhookTolerance,
        Integer maxNetworkRetries) {

    public StripeProperties {
        secretKey = secretKey == null ? "" : secretKey.trim();
        webhookSecret = webhookSecret == null ? "" : webhookSecret.trim();
        apiBase = apiBase == null || apiBase.isBlank() ? "https://api.stripe.com" : stripTrailingSlash(apiBase.trim());
        webhookTolerance = webhookTolerance != null ? webhookTolerance : Duration.ofSeconds(300);
        maxNetworkRetries = maxNetworkRetries != null ? maxNetworkRetries : 2;
    }

    /** True when a secret key is set: the service takes payments through Stripe. */
    public boolean enabled() {
        return !secretKey.isEmpty();
    }

    /** Every webhook signing secret accepted, in the configured order. */
    public List<String> webhookSecrets() {
        return Arrays.stream(webhookSecret.split(",")).map(String::trim).filter(secret -> !secret.isEmpty()).toList();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "StripeProperties[apiBase=" + apiBase + ", secretKey=" + (secretKey.isEmpty() ? "unset" : "set")
                + ", webhookSecrets=" + webhookSecrets().size() + "]";
    }
}
