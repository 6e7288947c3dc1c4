package io.creditgate.gateway.pricing;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /api/prices}: the price table in use.
 *
 * @param unit what the numbers count: credits per token (1 credit = 1 micro-USD, so each number equals USD per
 *     million tokens)
 * @param catalogue the catalogue's version ({@code catalogue@<date>}, or {@code none})
 * @param lastChange the id of the last admin price change applied (0: none)
 * @param models each model with a price of its own, by id, with the version of that price
 * @param aliases each operator alias in effect and the model it means
 */
public record PriceList(String unit, String catalogue, long lastChange,
                        @Schema(additionalPropertiesSchema = PriceList.Entry.class) Map<String, Entry> models,
                        @Schema(additionalPropertiesSchema = String.class) Map<String, String> aliases) {

    /**
     * One model's price.
     *
     * @param price the rates, in credits per token
     * @param version {@code change-<n>}, {@code config} or {@code catalogue@<date>}
     */
    public record Entry(ModelPrice price, String version) {
    }

    /**
     * {@code GET /api/prices/resolve?model=}: what a call of a model would be charged as now.
     *
     * @param model the name as asked
     * @param pricedAs the table's model it resolved to (after alias, provider prefix and snapshot date)
     * @param price the rates
     * @param version the price's version
     */
    public record Resolved(String model, String pricedAs, ModelPrice price, String version) {
    }
}
