package io.creditgate.payment.stripe;

import com.stripe.StripeClient;
import io.creditgate.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one {@link StripeClient} of the service, pointed at {@code creditgate.stripe.api-base}. stripe-java pins the API
 * version it was built for ({@code ApiVersion.CURRENT}); every object this service reads comes through this client,
 * so it is always in that version, whatever version the webhook endpoint sends its events in.
 */
@Component
@EnableConfigurationProperties(StripeProperties.class)
class StripeClients implements StripeAccess {

    private static final Logger log = LoggerFactory.getLogger(StripeClients.class);

    private final StripeClient client;

    StripeClients(StripeProperties properties) {
        if (properties.enabled()) {
            client = StripeClient.builder()
                    .setApiKey(properties.secretKey())
                    .setApiBase(properties.apiBase())
                    .setMaxNetworkRetries(properties.maxNetworkRetries())
                    .setConnectTimeout(10_000)
                    .setReadTimeout(30_000)
                    .build();
            log.info("Stripe: API at {} (API version {})", properties.apiBase(), com.stripe.Stripe.API_VERSION);
        } else {
            client = null;
            log.warn("Stripe: STRIPE_SECRET_KEY is not set; payments run in manual-only mode");
        }
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public StripeClient client() {
        if (client == null) {
            throw notConfigured();
        }
        return client;
    }

    static ApiException notConfigured() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "stripe_not_configured",
                "Stripe is not configured (manual-only mode): card payments are unavailable; ask an administrator"
                        + " to record a manual purchase");
    }
}
