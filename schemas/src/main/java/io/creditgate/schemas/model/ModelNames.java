package io.creditgate.schemas.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one rule for what a model name means, whoever wrote it: a client through LiteLLM ({@code openai/gpt-4o},
 * {@code anthropic/claude-sonnet-4-5-20250929}), OpenAI's usage API (which reports the dated snapshot it served,
 * {@code gpt-4o-mini-2024-07-18}), or an operator. The gateway prices with it and the ledger's reconciliation
 * groups with it, so both sides of a bill agree on which model a call was.
 */
public final class ModelNames {

    // A dated snapshot: OpenAI's -2024-08-06 or Anthropic's -20250929, at the end of the name.
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|20\\d{6})$");

    private ModelNames() {
    }

    /**
     * The names to try, most specific first: the name itself, then without each leading provider segment
     * ({@code openrouter/openai/gpt-4o} → {@code openai/gpt-4o} → {@code gpt-4o}), then each of those without a
     * date suffix. A price table takes the first it knows, so a dated snapshot with its own price keeps it.
     */
    public static List<String> candidates(String model) {
        List<String> names = new ArrayList<>();
        String name = model;
        while (true) {
            names.add(name);
            int slash = name.indexOf('/');
            if (slash < 0 || slash == name.length() - 1) {
                break;
            }
            name = name.substring(slash + 1);
        }
        int specific = names.size();
        for (int i = 0; i < specific; i++) {
            String undated = withoutDate(names.get(i));
            if (!undated.equals(names.get(i)) && !names.contains(undated)) {
                names.add(undated);
            }
        }
        return names;
    }

    /** The name without a trailing snapshot date ({@code gpt-4o-2024-08-06} → {@code gpt-4o}). */
    public static String withoutDate(String model) {
        return DATE_SUFFIX.matcher(model).replaceFirst("");
    }

    /**
     * The model family for comparing two records of the same calls: no provider prefix, no snapshot date, lower
     * case ({@code openai/GPT-4o-2024-08-06} → {@code gpt-4o}).
     */
    public static String family(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1);
        return withoutDate(name).toLowerCase(Locale.ROOT);
    }
}
