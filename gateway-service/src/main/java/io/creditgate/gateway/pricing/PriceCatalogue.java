package io.creditgate.gateway.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LiteLLM's price catalogue ({@code model_prices_and_context_window.json}, the field's shared table), read as
 * data: each entry's USD-per-token rates become credits per token (1 credit = 1 micro-USD, so x 1,000,000),
 * read as decimals straight from the JSON text so {@code 2.5e-06} is exactly 2.5 credits. Only entries the
 * gateway can meter by the token are kept (modes chat, responses, completion, embedding with an input rate).
 *
 * @param prices every usable entry, by LiteLLM's key
 * @param version {@code catalogue@<retrieved>} from the {@code SOURCE.properties} beside the file, else
 *     {@code catalogue@sha256:<first 12 hex digits>} of the file
 */
record PriceCatalogue(Map<String, ModelPrice> prices, String version) {

    static final String DEFAULT_LOCATION =
            "classpath:io/creditgate/gateway/pricing/litellm/model_prices_and_context_window.json";
    static final Set<String> METERED_MODES = Set.of("chat", "responses", "completion", "embedding");
    private static final BigDecimal CREDITS_PER_USD = BigDecimal.valueOf(1_000_000);
    private static final Pattern LONG_CONTEXT_INPUT = Pattern.compile("input_cost_per_token_above_(\\d+)k_tokens");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static PriceCatalogue empty() {
        return new PriceCatalogue(Map.of(), "none");
    }

    /** Reads the catalogue at {@code resource}; a file that is not LiteLLM's format stops the gateway with why. */
    static PriceCatalogue load(Resource resource) {
        byte[] bytes;
        try (InputStream in = resource.getInputStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The price catalogue " + resource.getDescription()
                    + " cannot be read (creditgate.pricing.catalogue): " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The price catalogue " + resource.getDescription()
                    + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new IllegalStateException("The price catalogue " + resource.getDescription()
                    + " is not LiteLLM's format (a JSON object of model entries)");
        }
        Map<String, ModelPrice> prices = new TreeMap<>();
        for (var entry : root.properties()) {
            ModelPrice price = priceOf(entry.getValue());
            if (price != null) {
                prices.put(entry.getKey(), price);
            }
        }
        return new PriceCatalogue(Collections.unmodifiableMap(prices), versionOf(resource, bytes));
    }

    /** One entry's price, or null when it is not a per-token model the gateway meters. */
    static ModelPrice priceOf(JsonNode entry) {
        if (!entry.isObject() || !METERED_MODES.contains(entry.path("mode").asString(""))) {
            return null;
        }
        BigDecimal input = credits(entry, "input_cost_per_token");
        if (input == null) {
            return null;
        }
        BigDecimal output = credits(entry, "output_cost_per_token");
        try {
            return new ModelPrice(input, credits(entry, "cache_read_input_token_cost"),
                    credits(entry, "cache_creation_input_token_cost"), output != null ? output : BigDecimal.ZERO,
                    credits(entry, "output_cost_per_reasoning_token"), tokens(entry, "max_output_tokens"),
                    tokens(entry, "max_input_tokens"), longContext(entry));
        } catch (IllegalArgumentException e) {
            return null; // a negative rate or limit: not a price anyone can charge
        }
    }

    /**
     * The long-context tier: LiteLLM's {@code input_cost_per_token_above_<n>k_tokens} and its siblings. A model with
     * several thresholds is billed from the lowest (the first the provider switches at).
     */
    private static ModelPrice.LongContext longContext(JsonNode entry) {
        Long lowest = null;
        for (String field : entry.propertyNames()) {
            Matcher tier = LONG_CONTEXT_INPUT.matcher(field);
            if (tier.matches() && entry.get(field).isNumber()) {
                long threshold = Long.parseLong(tier.group(1)) * 1_000;
                lowest = lowest == null ? threshold : Math.min(lowest, threshold);
            }
        }
        if (lowest == null) {
            return null;
        }
        String above = "_above_" + (lowest / 1_000) + "k_tokens";
        return new ModelPrice.LongContext(lowest, credits(entry, "input_cost_per_token" + above),
                credits(entry, "cache_read_input_token_cost" + above), credits(entry, "cache_creation_input_token_cost" + above),
                credits(entry, "output_cost_per_token" + above), credits(entry, "output_cost_per_reasoning_token" + above));
    }

    private static BigDecimal credits(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isNumber()) {
            return null;
        }
        return ModelPrice.plain(value.decimalValue().multiply(CREDITS_PER_USD));
    }

    private static Long tokens(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value != null && value.isIntegralNumber() && value.longValue() > 0 ? value.longValue() : null;
    }

    private static String versionOf(Resource resource, byte[] bytes) {
        try {
            Resource source = resource.createRelative("SOURCE.properties");
            if (source.exists()) {
                Properties properties = new Properties();
                try (InputStream in = source.getInputStream()) {
                    properties.load(in);
                }
                String retrieved = properties.getProperty("retrieved");
                if (retrieved != null && !retrieved.isBlank()) {
                    return "catalogue@" + retrieved.strip();
                }
            }
        } catch (IOException e) {
            // No readable SOURCE.properties beside it (an operator's own file): its hash names the version.
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "catalogue@sha256:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
