package io.creditgate.ledger.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.reconciliation.FakeOpenAiUsage.Result;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The reconciliation report on the real ledger (usage charged through Kafka into PostgreSQL) against a local server
 * speaking OpenAI's usage API, in days no other test writes in (5 to 8 February 2024): exact usage has no drift, a
 * model with an estimated call drifts and is flagged, dated snapshots meet their plain names, a day on one side only
 * is flagged, the CSV is safe for a spreadsheet, and an unreachable provider is a 503.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationApiTest extends LedgerServiceTestBase {

    static final LocalDate FEB_5 = LocalDate.parse("2024-02-05");
    static final LocalDate FEB_6 = FEB_5.plusDays(1);
    static final LocalDate FEB_7 = FEB_5.plusDays(2);
    static final LocalDate FEB_8 = FEB_5.plusDays(3);
    static final String RANGE = "/api/finance/reconciliation?from=2024-02-05&to=2024-02-08";
    private final String user = "recon-" + UUID.randomUUID();

    @BeforeAll
    void chargeUsageAndProgramTheProvider() {
        publishUsage(
                call("2024-02-05T08:00:00Z", "gpt-4o-mini", 1_200, 200, 300, UsageSource.EXACT, 100),
                call("2024-02-05T23:59:59Z", "openai/gpt-4o-mini", 1_200, 200, 300, UsageSource.EXACT, 100),
                call("2024-02-05T09:00:00Z", "gpt-4o", 1_200, 200, 300, UsageSource.EXACT, 1_000),
                call("2024-02-05T09:30:00Z", "gpt-4o", 1_000, 0, 100, UsageSource.ESTIMATED, 700),
                call("2024-02-06T10:00:00Z", "text-embedding-3-small", 50, 0, 0, UsageSource.EXACT, 1),
                call("2024-02-08T12:00:00Z", "gpt-4.1-mini", 400, 0, 40, UsageSource.EXACT, 50));
        awaitBalance(user, STARTING_CREDITS - 1_951);
        FakeOpenAiUsage provider = FakeOpenAiUsage.shared();
        provider.add(new Result("completions", FEB_5, "gpt-4o-mini-2024-07-18", 2, 2_400, 400, 600));
        // The estimated call was counted lower than the provider billed it.
        provider.add(new Result("completions", FEB_5, "gpt-4o-2024-08-06", 2, 2_300, 200, 380));
        provider.add(new Result("embeddings", FEB_6, "text-embedding-3-small", 1, 50, 0, 0));
        provider.add(new Result("completions", FEB_7, "gpt-4o-mini-2024-07-18", 1, 100, 0, 10));
        provider.add(new Result("completions", FEB_7, "=HYPERLINK(\"x\")", 1, 1, 0, 1));
    }

    @Test
    void exactUsageHasNoDriftAndTheDatedSnapshotMeetsItsPlainName() {
        JsonNode report = get(RANGE).json();
        assertThat(report.get("source").asString()).isEqualTo("openai");
        assertThat(report.get("readAt").asString()).isNotBlank();
        assertThat(report.get("tolerancePercent").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode mini = row(report, "2024-02-05", "gpt-4o-mini");
        assertThat(mini.get("side").asString()).isEqualTo("BOTH");
        assertThat(mini.get("ours").get("calls").asLong()).isEqualTo(2);
        assertThat(mini.get("ours").get("estimatedCalls").asLong()).isZero();
        assertThat(mini.get("ours").get("costCredits").asLong()).isEqualTo(200);
        assertThat(mini.get("theirs").get("inputTokens").asLong()).isEqualTo(2_400);
        for (String measure : List.of("requests", "inputTokens", "cachedInputTokens", "outputTokens")) {
            assertThat(mini.get("drift").get(measure).decimalValue()).as(measure).isZero();
        }
        assertThat(mini.get("flagged").asBoolean()).isFalse();

        JsonNode embeddings = row(report, "2024-02-06", "text-embedding-3-small");
        assertThat(embeddings.get("drift").get("inputTokens").decimalValue()).isZero();
        assertThat(embeddings.get("drift").get("outputTokens").isNull()).as("0 on both sides").isTrue();
        assertThat(embeddings.get("flagged").asBoolean()).isFalse();
    }

    @Test
    void aModelWithAnEstimatedCallShowsItsDriftAndIsFlaggedAboveTheTolerance() {
        JsonNode gpt4o = row(get(RANGE).json(), "2024-02-05", "gpt-4o");
        assertThat(gpt4o.get("ours").get("estimatedCalls").asLong()).isEqualTo(1);
        assertThat(gpt4o.get("ours").get("inputTokens").asLong()).isEqualTo(2_200);
        // (2200 − 2300) / 2300 = −4.35 %; (400 − 380) / 380 = +5.26 %.
        assertThat(gpt4o.get("drift").get("inputTokens").decimalValue()).isEqualByComparingTo("-4.35");
        assertThat(gpt4o.get("drift").get("outputTokens").decimalValue()).isEqualByComparingTo("5.26");
        assertThat(gpt4o.get("drift").get("cachedInputTokens").decimalValue()).isZero();
        assertThat(gpt4o.get("flaggedMeasures").valueStream().map(JsonNode::asString).toList())
                .containsExactly("inputTokens", "outputTokens");
        assertThat(gpt4o.get("flagged").asBoolean()).isTrue();
    }

    @Test
    void aDayOnlyOneSideHasIsFlagged() {
        JsonNode report = get(RANGE).json();
        JsonNode theirsOnly = row(report, "2024-02-07", "gpt-4o-mini");
        assertThat(theirsOnly.get("side").asString()).isEqualTo("THEIRS_ONLY");
        assertThat(theirsOnly.get("ours").get("calls").asLong()).isZero();
        assertThat(theirsOnly.get("drift").get("requests").decimalValue()).isEqualByComparingTo("-100");
        assertThat(theirsOnly.get("flagged").asBoolean()).isTrue();
        JsonNode oursOnly = row(report, "2024-02-08", "gpt-4.1-mini");
        assertThat(oursOnly.get("side").asString()).isEqualTo("OURS_ONLY");
        assertThat(oursOnly.get("drift").get("inputTokens").isNull()).isTrue();
        assertThat(oursOnly.get("flaggedMeasures")).hasSize(3);
        assertThat(oursOnly.get("flagged").asBoolean()).isTrue();
        assertThat(report.get("flaggedRows").asInt()).isEqualTo(4);

        JsonNode total = report.get("totals").valueStream()
                .filter(row -> row.get("model").asString().equals("gpt-4o-mini")).findFirst().orElseThrow();
        assertThat(total.get("day").isNull()).isTrue();
        assertThat(total.get("ours").get("calls").asLong()).isEqualTo(2);
        assertThat(total.get("theirs").get("requests").asLong()).isEqualTo(3);
        assertThat(total.get("flagged").asBoolean()).isTrue();
    }

    @Test
    void everyPageOfTheProviderIsReadWithTheAdminKey() {
        int before = FakeOpenAiUsage.shared().authorizations().size();
        get(RANGE);
        List<String> calls = FakeOpenAiUsage.shared().authorizations();
        // Four days at two buckets a page: two pages of completions, two of embeddings.
        assertThat(calls.subList(before, calls.size())).hasSize(4).containsOnly("Bearer sk-admin-reconciliation-test");
    }

    @Test
    void theCsvHasTheSameRowsAndIsSafeForASpreadsheet() throws Exception {
        Response csv = send(HttpRequest.newBuilder(uri(RANGE)).header("Authorization", "Bearer " + TOKENS.finance())
                .header("Accept", "text/csv").GET());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().get("content-type").get(0)).startsWith("text/csv");
        assertThat(csv.headers().get("content-disposition").get(0)).contains("reconciliation-2024-02-05-to-2024-02-08.csv");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        JsonNode report = get(RANGE + "&format=json").json();
        assertThat(records).hasSize(report.get("rows").size() + report.get("totals").size());
        List<String> models = new ArrayList<>();
        for (CSVRecord record : records) {
            models.add(record.get("model"));
        }
        assertThat(models).contains("'=hyperlink(\"x\")").doesNotContain("=hyperlink(\"x\")");
        CSVRecord gpt4o = records.stream().filter(r -> r.get("day").equals("2024-02-05") && r.get("model").equals("gpt-4o"))
                .findFirst().orElseThrow();
        assertThat(gpt4o.get("drift_input_percent")).as("a negative number stays a number").isEqualTo("-4.35");
        assertThat(gpt4o.get("ours_estimated_calls")).isEqualTo("1");
        assertThat(gpt4o.get("flagged")).isEqualTo("true");
        assertThat(send(HttpRequest.newBuilder(uri(RANGE + "&format=csv")).header("Authorization", "Bearer " + ADMIN_KEY)
                .GET()).body()).isEqualTo(csv.body());
    }

    @Test
    void financeAndAdminMayReadItOthersMayNot() {
        assertThat(getAs(RANGE, null).status()).isEqualTo(401);
        assertThat(getAs(RANGE, TOKENS.user(user)).status()).isEqualTo(403);
        assertThat(getAs(RANGE, TOKENS.finance()).status()).isEqualTo(200);
        assertThat(getAs(RANGE, TOKENS.admin()).status()).isEqualTo(200);
    }

    @Test
    void refusesBadDatesAndRangesOverNinetyTwoDays() {
        assertThat(get("/api/finance/reconciliation?from=2024-02-30&to=2024-03-01").errorCode()).isEqualTo("invalid_request");
        assertThat(get("/api/finance/reconciliation?from=2024-02-08&to=2024-02-05").status()).isEqualTo(400);
        assertThat(get("/api/finance/reconciliation?from=2024-01-01&to=2024-04-01").status()).as("92 days").isEqualTo(200);
        Response tooLong = get("/api/finance/reconciliation?from=2024-01-01&to=2024-04-02");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("error").get("message").asString()).contains("92 days");
        assertThat(get(RANGE + "&format=xml").status()).isEqualTo(400);
    }

    @Test
    void anUnreachableProviderIsA503ThatSaysSoAndIsCounted() {
        double unavailable = meters.find("ledger.reconciliation.runs").tag("result", "unavailable").counters().stream()
                .mapToDouble(c -> c.count()).sum();
        FakeOpenAiUsage.shared().down(true);
        try {
            Response response = get(RANGE);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.errorCode()).isEqualTo("reconciliation_source_unavailable");
            assertThat(response.json().get("error").get("message").asString()).contains("HTTP 500");
        } finally {
            FakeOpenAiUsage.shared().down(false);
        }
        assertThat(meters.find("ledger.reconciliation.runs").tag("result", "unavailable").counters().stream()
                .mapToDouble(c -> c.count()).sum()).isEqualTo(unavailable + 1);
        get(RANGE);
        assertThat(meters.find("ledger.reconciliation.last.flagged.rows").gauge().value()).isEqualTo(4);
    }

    // --- helpers ---

    private UsageRecorded call(String at, String model, long prompt, long cached, long completion, UsageSource source,
                               long cost) {
        UsageRecorded usage = usage(user, UUID.randomUUID().toString(), cost);
        usage.setOccurredAt(Instant.parse(at));
        usage.setModel(model);
        usage.setPromptTokens(prompt);
        usage.setCachedPromptTokens(cached);
        usage.setCompletionTokens(completion);
        usage.setUsageSource(source);
        return usage;
    }

    private static JsonNode row(JsonNode report, String day, String model) {
        return report.get("rows").valueStream()
                .filter(row -> row.get("day").asString().equals(day) && row.get("model").asString().equals(model))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + day + " " + model + " in " + report));
    }
}
