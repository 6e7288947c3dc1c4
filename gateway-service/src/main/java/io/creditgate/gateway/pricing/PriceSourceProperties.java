package io.creditgate.gateway.pricing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where prices come from and what happens to a model without one ({@code creditgate.pricing.*}).
 *
 * @param catalogue the LiteLLM-format catalogue: the one shipped with the gateway by default, a {@code file:} path
 *     for a refreshed copy, or {@code none} for no catalogue (only configured prices and admins' changes)
 * @param refreshInterval how often each gateway looks for admins' price changes in PostgreSQL; a change reaches
 *     every gateway within this plus one query
 * @param unpricedModels {@code refuse}: a model without a price is refused with 400 {@code model_not_found};
 *     {@code default-rate}: it is charged at {@code default-price}, and the admins are alerted
 * @param defaultPrice the rate for unpriced models under {@code default-rate} (required then)
 */
@ConfigurationProperties("creditgate.pricing")
record PriceSourceProperties(String catalogue, Duration refreshInterval, UnpricedModels unpricedModels,
                             ModelPrice defaultPrice) {

    static final String NO_CATALOGUE = "none";

    /** What the gateway does with a call of a model it has no price for. Never free, never silent. */
    enum UnpricedModels {
        REFUSE, DEFAULT_RATE
    }

    PriceSourceProperties {
        catalogue = catalogue == null || catalogue.isBlank() ? PriceCatalogue.DEFAULT_LOCATION : catalogue.strip();
        refreshInterval = refreshInterval != null ? refreshInterval : Duration.ofMillis(500);
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("creditgate.pricing.refresh-interval must be positive");
        }
        unpricedModels = unpricedModels != null ? unpricedModels : UnpricedModels.REFUSE;
        if (unpricedModels == UnpricedModels.DEFAULT_RATE && defaultPrice == null) {
            throw new IllegalArgumentException("creditgate.pricing.unpriced-models=default-rate needs"
                    + " creditgate.pricing.default-price.input and .output (credits per token)");
        }
    }
}
