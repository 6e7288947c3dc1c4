package io.creditgate.ledger.reconciliation;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.ledger.reconciliation.ProviderSource.SourceUnavailableException;
import io.creditgate.schemas.model.ModelNames;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's organisation usage API: {@code GET /v1/organization/usage/completions} and {@code …/embeddings}, one-day
 * buckets grouped by model, every page. OpenAI names the dated snapshot it served ({@code gpt-4o-mini-2024-07-18});
 * the report compares model families, so that is {@code gpt-4o-mini} here as on Creditgate's side.
 */
final class OpenAiUsageSource implements ProviderSource {

    /** OpenAI's largest page of one-day buckets. */
    private static final int DAYS_PER_PAGE = 31;
    private static final List<String> REPORTS = List.of("completions", "embeddings");

    private final ProviderHttp http;
    private final int maxPages;

    OpenAiUsageSource(ProviderHttp http, int maxPages) {
        this.http = http;
        this.maxPages = maxPages;
    }

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public List<ProviderUsage> read(LocalDate from, LocalDate to) {
        Map<String, ProviderUsage> sums = new LinkedHashMap<>();
        long start = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        for (String report : REPORTS) {
            String page = null;
            int pages = 0;
            do {
                if (++pages > maxPages) {
                    throw new SourceUnavailableException("OpenAI's " + report + " usage has more than " + maxPages
                            + " pages (creditgate.reconciliation.max-pages)");
                }
                JsonNode answer = http.get("/v1/organization/usage/" + report + "?start_time=" + start + "&end_time=" + end
                        + "&bucket_width=1d&group_by=model&limit=" + DAYS_PER_PAGE + (page == null ? "" : "&page=" + page));
                addBuckets(answer, from, to, sums);
                page = answer.path("has_more").asBoolean(false) ? answer.path("next_page").asString(null) : null;
            } while (page != null);
        }
        return new ArrayList<>(sums.values());
    }

    private static void addBuckets(JsonNode answer, LocalDate from, LocalDate to, Map<String, ProviderUsage> sums) {
        JsonNode data = answer.path("data");
        if (!data.isArray()) {
            throw new SourceUnavailableException("OpenAI's usage answer has no 'data' array");
        }
        for (JsonNode bucket : data) {
            LocalDate day = LocalDate.ofInstant(java.time.Instant.ofEpochSecond(bucket.path("start_time").asLong()),
                    ZoneOffset.UTC);
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            for (JsonNode result : bucket.path("results")) {
                String model = ModelNames.family(result.path("model").asString("unknown"));
                ProviderUsage usage = new ProviderUsage(day, model, result.path("num_model_requests").asLong(),
                        result.path("input_tokens").asLong(), result.path("input_cached_tokens").asLong(0),
                        result.path("output_tokens").asLong(0));
                sums.merge(day + "|" + model, usage, ProviderUsage::plus);
            }
        }
    }
}
