package io.creditgate.gateway.pricing;

/**
 * What a call of a model costs, and why: the price-table entry it resolved to and the version of that price.
 *
 * @param pricedAs the table's model the price belongs to ({@code gpt-4o} for {@code openai/gpt-4o}); empty for the
 *     default rate
 * @param price the rates
 * @param version {@code change-<n>}, {@code config}, {@code catalogue@<date>} or {@code default}
 *     ({@code UsageRecorded.priceVersion})
 */
public record PricedModel(String pricedAs, ModelPrice price, String version) {

    public static final String CONFIG = "config";
    public static final String DEFAULT_RATE = "default";

    public boolean atDefaultRate() {
        return DEFAULT_RATE.equals(version);
    }
}
