package io.creditgate.gateway.pricing;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's configured prices: {@code creditgate.prices.<model>.input / cached-input / cache-write / output /
 * reasoning / max-output-tokens / context-window} (see {@link ModelPrice}). They override the catalogue's price of
 * the same model (price version {@code config}); admins' changes override both. Model ids that hold a dot must be
 * bracketed in YAML ({@code "[gpt-4.1-mini]"}) or Spring reads the dot as nesting.
 */
@ConfigurationProperties("creditgate")
record PricingProperties(Map<String, ModelPrice> prices) {

    PricingProperties {
        prices = prices == null ? Map.of() : Map.copyOf(prices);
    }
}
