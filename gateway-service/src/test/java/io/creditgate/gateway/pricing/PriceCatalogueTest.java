package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;

import tools.jackson.databind.JsonNode;

class PriceCatalogueTest {

    final PriceCatalogue sample = PriceCatalogue.load(new ClassPathResource("pricing/catalogue-sample.json"));

    @Test
    void usdPerTokenBecomesExactCreditsPerToken() {
        ModelPrice mini = sample.prices().get("gpt-4o-mini");
        assertThat(mini.input()).isEqualByComparingTo("0.15");
        assertThat(mini.cachedInput()).isEqualByComparingTo("0.075");
        assertThat(mini.cacheWrite()).isEqualByComparingTo("0.15");
        assertThat(mini.output()).isEqualByComparingTo("0.6");
        assertThat(mini.maxOutputTokens()).isEqualTo(16384);
        assertThat(mini.contextWindow()).isEqualTo(128000);
        // Exactly, not the double nearest to it: 1,000,000 tokens cost exactly 150,000 credits (0.15 USD).
        assertThat(mini.input().multiply(BigDecimal.valueOf(1_000_000))).isEqualByComparingTo("150000");
        assertThat(mini.input().toString()).isEqualTo("0.15");
    }

    @Test
    void cacheWritesAndReasoningKeepTheirOwnRates() {
        ModelPrice sonnet = sample.prices().get("claude-sonnet-4-5");
        assertThat(sonnet.cacheWrite()).isEqualByComparingTo("3.75");
        assertThat(sonnet.cachedInput()).isEqualByComparingTo("0.3");
        assertThat(sample.prices().get("o3").reasoning()).isEqualByComparingTo("8");
    }

    @Test
    void anEmbeddingModelWithoutAnOutputRateHasFreeOutput() {
        assertThat(sample.prices().get("text-embedding-3-small").output()).isEqualByComparingTo("0");
        assertThat(sample.prices().get("text-embedding-3-small").input()).isEqualByComparingTo("0.02");
    }

    @Test
    void onlyModelsMeteredByTheTokenAreKept() {
        assertThat(sample.prices()).containsOnlyKeys("gpt-4o-mini", "claude-sonnet-4-5", "o3", "text-embedding-3-small");
    }

    @Test
    void theVersionIsTheRetrievalDateBesideTheFileElseItsHash() {
        assertThat(sample.version()).isEqualTo("catalogue@2026-12-07");
        PriceCatalogue anonymous = PriceCatalogue.load(new ByteArrayResource("{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(anonymous.version()).startsWith("catalogue@sha256:").hasSize("catalogue@sha256:".length() + 12);
    }

    @Test
    void aFileThatIsNotTheCataloguesFormatStopsTheGatewayWithWhy() {
        assertThatThrownBy(() -> PriceCatalogue.load(new ByteArrayResource("[1]".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not LiteLLM's format");
        assertThatThrownBy(() -> PriceCatalogue.load(new ByteArrayResource("{".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PriceCatalogue.load(new DefaultResourceLoader().getResource("file:/no/such/catalogue.json")))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void aLongPromptIsBilledWholeAtTheLongContextRates() {
        ModelPrice sonnet = sample.prices().get("claude-sonnet-4-5");
        assertThat(sonnet.longContext().aboveTokens()).isEqualTo(200_000);
        // 200,000 prompt tokens are still the normal rate; 200,001 make input and output dearer.
        assertThat(sonnet.costCredits(new io.creditgate.gateway.metering.TokenUsage(200_000, 0, 0, 1_000, 0, true)))
                .isEqualTo(200_000 * 3 + 1_000 * 15);
        assertThat(sonnet.costCredits(new io.creditgate.gateway.metering.TokenUsage(200_001, 100_000, 0, 1_000, 0, true)))
                .isEqualTo(100_001 * 6 + 100_000 * 6 / 10 + 1_000 * 22 + 500);
        assertThat(sonnet.forPrompt(200_001).cacheWrite()).isEqualByComparingTo("7.5");
        assertThat(sample.prices().get("gpt-4o-mini").longContext()).isNull();
    }

    @Test
    void aLimitThatIsNotAPositiveWholeNumberIsNoLimit() {
        JsonNode entry = tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"mode\":\"chat\","
                + "\"input_cost_per_token\":1e-06,\"output_cost_per_token\":2e-06,\"max_output_tokens\":0,"
                + "\"max_input_tokens\":1}");
        ModelPrice price = PriceCatalogue.priceOf(entry);
        assertThat(price.maxOutputTokens()).isNull();
        assertThat(price.contextWindow()).isEqualTo(1);
        assertThat(price.output()).isEqualByComparingTo("2");
    }

    @Test
    void everyModelOfTheShippedCatalogueIsPricedAsWrittenUnderAProviderPrefixAndAsADatedSnapshot() {
        PriceCatalogue shipped = PriceCatalogue.load(new DefaultResourceLoader().getResource(PriceCatalogue.DEFAULT_LOCATION));
        assertThat(shipped.version()).matches("catalogue@\\d{4}-\\d{2}-\\d{2}");
        assertThat(shipped.prices()).hasSizeGreaterThan(700)
                .containsKeys("gpt-4o", "gpt-4o-2024-08-06", "o3", "gpt-5", "claude-sonnet-4-5", "gemini-2.5-pro",
                        "gemini/gemini-2.5-pro", "mistral/mistral-large-latest", "deepseek/deepseek-chat", "xai/grok-3",
                        "text-embedding-3-small");
        assertThat(shipped.prices().get("gpt-4o").input()).isEqualByComparingTo("2.5");
        assertThat(shipped.prices().get("gpt-4o").output()).isEqualByComparingTo("10");
        PriceBook book = PriceBook.of(shipped, java.util.Map.of());
        java.time.Instant now = java.time.Instant.now();
        for (String model : shipped.prices().keySet()) {
            assertThat(book.resolve(model, now)).as(model).map(PricedModel::pricedAs).contains(model);
            assertThat(book.resolve("litellm_proxy/" + model, now)).as("prefixed " + model).map(PricedModel::pricedAs)
                    .contains(model);
            if (!model.matches(".*-(\\d{4}-\\d{2}-\\d{2}|20\\d{6})$")) {
                assertThat(book.resolve(model + "-2099-01-01", now)).as("a new snapshot of " + model)
                        .map(PricedModel::pricedAs).contains(model);
            }
        }
    }
}
