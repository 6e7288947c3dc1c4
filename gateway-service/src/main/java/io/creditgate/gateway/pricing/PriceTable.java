package io.creditgate.gateway.pricing;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.creditgate.gateway.web.OpenAiError;

/** The prices in use; a model not in this table is refused, because a call we cannot price we cannot charge. */
@Component
public class PriceTable {

    private final Map<String, ModelPrice> prices;

    PriceTable(PricingProperties properties) {
        this.prices = Collections.unmodifiableMap(new TreeMap<>(properties.prices()));
    }

    public Optional<ModelPrice> find(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    /** The price of {@code model}, or a 400 {@code model_not_found} naming the models that are priced. */
    public ModelPrice require(String model) {
        return find(model).orElseThrow(() -> OpenAiError.invalidRequest("model_not_found",
                "The model '" + model + "' is not available here. Available models: "
                        + String.join(", ", prices.keySet()) + ".", "model").asException());
    }

    /** Every priced model, sorted by id. */
    public Map<String, ModelPrice> all() {
        return prices;
    }
}
