package io.creditgate.schemas.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

    @Test
    void candidatesGoFromTheNameAsWrittenToTheBareModel() {
        assertThat(ModelNames.candidates("gpt-4o")).containsExactly("gpt-4o");
        assertThat(ModelNames.candidates("openai/gpt-4o")).containsExactly("openai/gpt-4o", "gpt-4o");
        assertThat(ModelNames.candidates("openrouter/openai/gpt-4o"))
                .containsExactly("openrouter/openai/gpt-4o", "openai/gpt-4o", "gpt-4o");
    }

    @Test
    void aDatedSnapshotIsTriedAsItselfBeforeItsModel() {
        assertThat(ModelNames.candidates("gpt-4o-2024-08-06")).containsExactly("gpt-4o-2024-08-06", "gpt-4o");
        assertThat(ModelNames.candidates("anthropic/claude-sonnet-4-5-20250929")).containsExactly(
                "anthropic/claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "anthropic/claude-sonnet-4-5",
                "claude-sonnet-4-5");
    }

    @Test
    void onlyATrailingDateIsASnapshot() {
        assertThat(ModelNames.withoutDate("gpt-4o-mini-2024-07-18")).isEqualTo("gpt-4o-mini");
        assertThat(ModelNames.withoutDate("claude-3-5-haiku-20241022")).isEqualTo("claude-3-5-haiku");
        assertThat(ModelNames.withoutDate("o3")).isEqualTo("o3");
        assertThat(ModelNames.withoutDate("gpt-4-0613")).isEqualTo("gpt-4-0613");
        assertThat(ModelNames.withoutDate("text-embedding-3-small")).isEqualTo("text-embedding-3-small");
        assertThat(ModelNames.withoutDate("model-12345678")).isEqualTo("model-12345678");
    }

    @Test
    void aTrailingSlashIsNotAPrefix() {
        assertThat(ModelNames.candidates("weird/")).containsExactly("weird/");
    }

    @Test
    void theFamilyIgnoresProviderDateAndCase() {
        assertThat(ModelNames.family("openai/GPT-4o-2024-08-06")).isEqualTo("gpt-4o");
        assertThat(ModelNames.family("gpt-4o-mini-2024-07-18")).isEqualTo(ModelNames.family("gpt-4o-mini"));
        assertThat(ModelNames.family("gemini/gemini-2.5-pro")).isEqualTo("gemini-2.5-pro");
    }
}
