package io.creditgate.gateway.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PriceBookTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final ModelPrice GPT_4O = price("2.5", "10");
    static final ModelPrice GPT_4O_AUGUST = price("2.5", "10");
    static final ModelPrice GPT_4O_MAY = price("5", "15");
    static final ModelPrice GEMINI = price("1.25", "10");

    final PriceCatalogue catalogue = new PriceCatalogue(Map.of("gpt-4o", GPT_4O, "gpt-4o-2024-05-13", GPT_4O_MAY,
            "gemini/gemini-2.5-pro", GEMINI, "claude-sonnet-4-5", price("3", "15")), "catalogue@2026-12-07");
    final PriceBook book = PriceBook.of(catalogue, Map.of("my-model", price("1", "2"), "gpt-4o", price("2", "8")));

    @Test
    void theConfiguredPriceBeatsTheCatalogueAndEachSaysWhereItCameFrom() {
        assertThat(book.resolve("gpt-4o", T0)).contains(new PricedModel("gpt-4o", price("2", "8"), "config"));
        assertThat(book.resolve("claude-sonnet-4-5", T0))
                .contains(new PricedModel("claude-sonnet-4-5", price("3", "15"), "catalogue@2026-12-07"));
        assertThat(book.resolve("my-model", T0).orElseThrow().version()).isEqualTo(PricedModel.CONFIG);
    }

    @Test
    void providerPrefixesAndSnapshotDatesResolveToTheirModel() {
        assertThat(book.resolve("openai/gpt-4o", T0).orElseThrow().pricedAs()).isEqualTo("gpt-4o");
        assertThat(book.resolve("azure/gpt-4o", T0).orElseThrow().pricedAs()).isEqualTo("gpt-4o");
        assertThat(book.resolve("anthropic/claude-sonnet-4-5-20250929", T0).orElseThrow().pricedAs())
                .isEqualTo("claude-sonnet-4-5");
        assertThat(book.resolve("gpt-4o-2099-01-01", T0).orElseThrow().pricedAs()).isEqualTo("gpt-4o");
        // LiteLLM's own prefixed key is found as written.
        assertThat(book.resolve("gemini/gemini-2.5-pro", T0).orElseThrow().price()).isEqualTo(GEMINI);
    }

    @Test
    void aSnapshotWithAPriceOfItsOwnKeepsIt() {
        assertThat(book.resolve("gpt-4o-2024-05-13", T0)).contains(
                new PricedModel("gpt-4o-2024-05-13", GPT_4O_MAY, "catalogue@2026-12-07"));
        assertThat(book.resolve("openai/gpt-4o-2024-05-13", T0).orElseThrow().price()).isEqualTo(GPT_4O_MAY);
    }

    @Test
    void anUnknownModelHasNoPrice() {
        assertThat(book.resolve("gpt-unknown", T0)).isEmpty();
        assertThat(book.resolve("openai/", T0)).isEmpty();
    }

    @Test
    void anAdminChangeAppliesFromItsEffectiveTimeAndAResetGoesBack() {
        PriceBook changed = book.with(List.of(
                set(1, "gpt-4o", price("3", "12"), T0.plusSeconds(60)),
                new PriceChange(2, PriceChange.Action.RESET, "gpt-4o", null, null, T0.plusSeconds(120), "ana", "back",
                        T0)));
        assertThat(changed.resolve("gpt-4o", T0.plusSeconds(59)).orElseThrow().version()).isEqualTo("config");
        assertThat(changed.resolve("gpt-4o", T0.plusSeconds(60)))
                .contains(new PricedModel("gpt-4o", price("3", "12"), "change-1"));
        assertThat(changed.resolve("openai/gpt-4o", T0.plusSeconds(61)).orElseThrow().version()).isEqualTo("change-1");
        assertThat(changed.resolve("gpt-4o", T0.plusSeconds(120)).orElseThrow().version()).isEqualTo("config");
        assertThat(changed.lastChangeId()).isEqualTo(2);
        // The book it came from is untouched: a call in flight keeps the price it was admitted at.
        assertThat(book.resolve("gpt-4o", T0.plusSeconds(90)).orElseThrow().version()).isEqualTo("config");
    }

    @Test
    void aLaterChangeWithAnEarlierEffectiveTimeIsOrderedByEffectiveTime() {
        PriceBook changed = book.with(List.of(set(1, "gpt-4o", price("9", "9"), T0.plusSeconds(600)),
                set(2, "gpt-4o", price("4", "4"), T0.plusSeconds(60))));
        assertThat(changed.resolve("gpt-4o", T0.plusSeconds(300)).orElseThrow().version()).isEqualTo("change-2");
        assertThat(changed.resolve("gpt-4o", T0.plusSeconds(600)).orElseThrow().version()).isEqualTo("change-1");
    }

    @Test
    void anAdminCanPriceAModelTheCatalogueLacks() {
        PriceBook changed = book.with(List.of(set(1, "llama-local", price("0.1", "0.1"), T0)));
        assertThat(changed.resolve("llama-local", T0).orElseThrow().version()).isEqualTo("change-1");
        assertThat(changed.chosen(T0)).containsKeys("llama-local", "my-model", "gpt-4o").doesNotContainKey("claude-sonnet-4-5");
        assertThat(changed.all(T0)).containsKeys("llama-local", "claude-sonnet-4-5", "gpt-4o-2024-05-13");
    }

    @Test
    void anAliasMeansItsModelUntilItIsRemoved() {
        PriceBook changed = book.with(List.of(
                new PriceChange(1, PriceChange.Action.ALIAS, "team-smart", null, "claude-sonnet-4-5", T0, "ana", "ours", T0),
                new PriceChange(2, PriceChange.Action.UNALIAS, "team-smart", null, null, T0.plusSeconds(60), "ana", "gone",
                        T0)));
        assertThat(changed.resolve("team-smart", T0).orElseThrow().pricedAs()).isEqualTo("claude-sonnet-4-5");
        assertThat(changed.aliases(T0)).containsExactly(Map.entry("team-smart", "claude-sonnet-4-5"));
        assertThat(changed.chosen(T0)).containsKey("team-smart");
        assertThat(changed.resolve("team-smart", T0.plusSeconds(60))).isEmpty();
        assertThat(changed.aliases(T0.plusSeconds(60))).isEmpty();
    }

    @Test
    void changesMustComeInOrder() {
        PriceBook changed = book.with(List.of(set(5, "gpt-4o", price("3", "3"), T0)));
        assertThatThrownBy(() -> changed.with(List.of(set(5, "gpt-4o", price("3", "3"), T0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(changed.with(List.of())).isSameAs(changed);
    }

    static PriceChange set(long id, String model, ModelPrice price, Instant effectiveAt) {
        return new PriceChange(id, PriceChange.Action.SET, model, price, null, effectiveAt, "ana@example.com", "test", T0);
    }

    static ModelPrice price(String input, String output) {
        return ModelPrice.of(new BigDecimal(input), null, new BigDecimal(output));
    }

    @Test
    void aliasChangesAreOrderedByEffectiveTimeToo() {
        PriceBook changed = book.with(List.of(
                new PriceChange(1, PriceChange.Action.ALIAS, "team", null, "gpt-4o", T0.plusSeconds(600), "ana", "later", T0),
                new PriceChange(2, PriceChange.Action.ALIAS, "team", null, "claude-sonnet-4-5", T0.plusSeconds(60), "ana",
                        "sooner", T0)));
        assertThat(changed.aliasTarget("team", T0.plusSeconds(300))).contains("claude-sonnet-4-5");
        assertThat(changed.aliasTarget("team", T0.plusSeconds(600))).contains("gpt-4o");
        assertThat(changed.aliasTarget("team", T0)).isEmpty();
    }

    @Test
    void aBookKeepsTheChangesItHadWhenMoreArrive() {
        PriceBook first = book.with(List.of(set(1, "gpt-4o", price("3", "12"), T0.plusSeconds(60)),
                new PriceChange(2, PriceChange.Action.ALIAS, "team", null, "gpt-4o", T0, "ana", "ours", T0)));
        PriceBook second = first.with(List.of(set(3, "gpt-4o", price("4", "16"), T0.plusSeconds(120))));
        assertThat(second.resolve("gpt-4o", T0.plusSeconds(90)).orElseThrow().version()).isEqualTo("change-1");
        assertThat(second.resolve("gpt-4o", T0.plusSeconds(120)).orElseThrow().version()).isEqualTo("change-3");
        assertThat(second.resolve("team", T0.plusSeconds(90)).orElseThrow().version()).isEqualTo("change-1");
        assertThat(second.catalogueVersion()).isEqualTo("catalogue@2026-12-07");
        // The earlier book is not changed by the later one.
        assertThat(first.resolve("gpt-4o", T0.plusSeconds(120)).orElseThrow().version()).isEqualTo("change-1");
    }
}
