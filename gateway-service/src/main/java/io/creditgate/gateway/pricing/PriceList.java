package io.creditgate.gateway.pricing;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code GET /api/prices}: the price table in use.
 *
 * @param unit what the numbers count: credits per token (1 credit = 1 micro-USD, so each number equals USD per
 *     million tokens)
 * @param models each priced model's price, by model id
 */
public record PriceList(String unit, @Schema(additionalPropertiesSchema = ModelPrice.class) Map<String, ModelPrice> models) {
}
