package io.creditgate.ledger.reconciliation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.ledger.reconciliation.ProviderSource.SourceUnavailableException;
import io.creditgate.schemas.model.ModelNames;
import tools.jackson.databind.JsonNode;

/**
 * LiteLLM's spend logs: {@code GET /spend/logs?start_date=&end_date=&summarize=false} answers every logged request
 * ({@code LiteLLM_SpendLogs} rows: {@code startTime}, {@code model}, {@code prompt_tokens}, {@code completion_tokens},
 * {@code status}, {@code metadata.usage_object}), summed here per UTC day and model family. LiteLLM's date filter is
 * {@code startTime} between the two dates' midnights, so {@code end_date} is the day after the last one asked for and
 * the rows of that midnight are dropped here. Failed requests ({@code status} "failure") were not billed and are
 * skipped; cached input tokens are read from the provider's usage LiteLLM kept ({@code
 * metadata.usage_object.prompt_tokens_details.cached_tokens}), 0 when it kept none.
 */
final class LiteLlmSpendLogsSource implements ProviderSource {

    private final ProviderHttp http;

    LiteLlmSpendLogsSource(ProviderHttp http) {
        this.http = http;
    }

    @Override
    public String name() {
        return "litellm";
    }

    @Override
    public List<ProviderUsage> read(LocalDate from, LocalDate to) {
        JsonNode logs = http.get("/spend/logs?start_date=" + from + "&end_date=" + to.plusDays(1) + "&summarize=false");
        if (!logs.isArray()) {
            throw new SourceUnavailableException("LiteLLM's /spend/logs did not answer a list of logs");
        }
        Map<String, ProviderUsage> sums = new LinkedHashMap<>();
        for (JsonNode log : logs) {
            if (log.path("status").asString("success").equalsIgnoreCase("failure")) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(startTime(log.path("startTime").asString("")), ZoneOffset.UTC);
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            String name = log.path("model").asString("");
            if (name.isBlank()) {
                name = log.path("model_group").asString("unknown");
            }
            String model = ModelNames.family(name);
            long cached = log.path("metadata").path("usage_object").path("prompt_tokens_details").path("cached_tokens")
                    .asLong(0);
            sums.merge(day + "|" + model, new ProviderUsage(day, model, 1, log.path("prompt_tokens").asLong(0), cached,
                    log.path("completion_tokens").asLong(0)), ProviderUsage::plus);
        }
        return new ArrayList<>(sums.values());
    }

    /** LiteLLM writes {@code 2026-12-01T10:00:00.123000Z}, with an offset, or without a zone (then UTC). */
    static Instant startTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new SourceUnavailableException("LiteLLM's spend log has a startTime that is not a time: '" + text + "'");
            }
        }
    }
}
