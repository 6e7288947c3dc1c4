package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.UsageRecorded;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The quarter-hour aggregate behind the usage reports (decision 55): it always equals a GROUP BY of the statement
 * lines, redeliveries and batches of several polls included; days are the person's days in any zone; a window cut
 * anywhere answers exactly what the lines hold.
 */
class UsageBucketsTest extends LedgerServiceTestBase {

    /** The aggregate of {@code users}, and the same computed from scratch from the statement lines. */
    private static final String BUCKETS = """
            SELECT user_id, bucket_start, model, calls, cost_credits, prompt, cached, completion, reasoning
            FROM usage_bucket WHERE user_id = ANY (?::text[]) ORDER BY 1, 2, 3""";
    private static final String FROM_SCRATCH = """
            SELECT user_id, date_bin('15 minutes', occurred_at, TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket_start,
                   model, count(*) AS calls, -sum(amount_credits)::bigint AS cost_credits,
                   sum(prompt_tokens)::bigint AS prompt, sum(cached_prompt_tokens)::bigint AS cached,
                   sum(completion_tokens)::bigint AS completion, sum(reasoning_tokens)::bigint AS reasoning
            FROM account_transaction WHERE type = 'USAGE' AND user_id = ANY (?::text[]) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";

    @Test
    void theBucketsEqualAGroupByOfTheStatementAfterMixedBatchesWithARedeliveredDuplicate() {
        String ana = "ana-" + UUID.randomUUID();
        String ben = "ben-" + UUID.randomUUID();
        UsageRecorded first = at(usage(ana, UUID.randomUUID().toString(), 100), "2025-06-01T10:00:00Z", "gpt-4o");
        publishUsage(
                first,
                at(usage(ana, UUID.randomUUID().toString(), 200), "2025-06-01T10:14:59.999Z", "gpt-4o"),
                at(usage(ana, UUID.randomUUID().toString(), 300), "2025-06-01T10:15:00Z", "gpt-4o"),
                at(usage(ana, UUID.randomUUID().toString(), 400), "2025-06-01T10:05:00Z", "gpt-4o-mini"),
                at(usage(ben, UUID.randomUUID().toString(), 500), "2025-06-01T10:01:00Z", "gpt-4o"));
        awaitBalance(ana, STARTING_CREDITS - 1_000);
        // A grant between usage (it writes the pending usage of its batch first), more usage into buckets that
        // already exist (the upsert's update path), and the first event again, as Kafka may redeliver it.
        assertThat(postGrant(ana, """
                {"amountCredits": 10000, "reason": "between usage", "grantId": "mixed-1"}""").status()).isEqualTo(201);
        publishUsage(
                at(usage(ana, UUID.randomUUID().toString(), 7), "2025-06-01T10:03:00Z", "gpt-4o"),
                first,
                at(usage(ben, UUID.randomUUID().toString(), 11), "2025-06-01T10:02:00Z", "gpt-4o"),
                at(usage(ana, UUID.randomUUID().toString(), 13), "2025-06-01T23:59:00Z", "gpt-4o-mini"));
        awaitBalance(ana, STARTING_CREDITS + 10_000 - 1_020);
        awaitBalance(ben, STARTING_CREDITS - 511);

        String users = "{" + ana + "," + ben + "}";
        List<Map<String, Object>> buckets = jdbc.queryForList(BUCKETS, users);
        assertThat(buckets).isEqualTo(jdbc.queryForList(FROM_SCRATCH, users));
        assertThat(buckets).hasSize(5);
        Map<String, Object> anaFirst = buckets.get(0);
        assertThat(anaFirst.get("bucket_start").toString()).startsWith("2025-06-01 10:00:00");
        assertThat(anaFirst.get("calls")).isEqualTo(3L);
        assertThat(anaFirst.get("cost_credits")).isEqualTo(307L);
        assertThat(buckets.stream().mapToLong(row -> (Long) row.get("calls")).sum()).as("the duplicate counts once")
                .isEqualTo(8);
    }

    @Test
    void aUserInSaoPauloSeesCallsAt0130And0400UtcOnTwoLocalDays() {
        String user = "sp-" + UUID.randomUUID();
        publishUsage(at(usage(user, UUID.randomUUID().toString(), 1_000), "2025-05-10T01:30:00Z", "gpt-4o"),
                at(usage(user, UUID.randomUUID().toString(), 2_000), "2025-05-10T04:00:00Z", "gpt-4o"));
        awaitBalance(user, STARTING_CREDITS - 3_000);

        JsonNode local = get("/api/accounts/" + user + "/usage/by-day?from=2025-05-09&to=2025-05-11&zone=America/Sao_Paulo")
                .json();
        assertThat(local.get("from").asString()).isEqualTo("2025-05-09T03:00:00Z");
        JsonNode days = local.get("items");
        assertThat(days.findValuesAsString("day")).containsExactly("2025-05-09", "2025-05-10");
        assertThat(days.get(0).get("usage").get("costCredits").asLong()).as("22:30 on the 9th in São Paulo").isEqualTo(1_000);
        assertThat(days.get(1).get("usage").get("costCredits").asLong()).as("01:00 on the 10th").isEqualTo(2_000);

        JsonNode utc = get("/api/accounts/" + user + "/usage/by-day?from=2025-05-09&to=2025-05-11&zone=UTC").json()
                .get("items");
        assertThat(utc.get(0).get("usage").get("calls").asLong()).isZero();
        assertThat(utc.get(1).get("usage").get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void windowsCutAnywhereAnswerWhatTheStatementLinesHold() {
        String user = "cut-" + UUID.randomUUID();
        String model = "model-" + UUID.randomUUID();
        String[] times = {"2025-07-01T09:59:59.999Z", "2025-07-01T10:00:00Z", "2025-07-01T10:07:30Z",
                "2025-07-01T10:14:59.999Z", "2025-07-01T10:15:00Z", "2025-07-01T10:29:00Z", "2025-07-01T11:44:00Z",
                "2025-07-01T12:00:00.001Z", "2025-07-01T23:50:00Z", "2025-07-02T00:10:00Z"};
        UsageRecorded[] events = new UsageRecorded[times.length];
        for (int i = 0; i < times.length; i++) {
            events[i] = at(usage(user, UUID.randomUUID().toString(), 1L << i), times[i], i % 2 == 0 ? model : "gpt-4o");
        }
        publishUsage(events);
        awaitBalance(user, STARTING_CREDITS - ((1L << times.length) - 1));

        String[][] windows = {{"2025-07-01T10:07:30Z", "2025-07-01T11:44:00Z"},
                {"2025-07-01T10:05:00Z", "2025-07-01T10:10:00Z"}, {"2025-07-01T09:59:59.999Z", "2025-07-01T10:00:00.001Z"},
                {"2025-07-01T10:00:00Z", "2025-07-01T10:15:00Z"}, {"2025-07-01T10:14:59.999Z", "2025-07-02T00:10:00.001Z"},
                {"2025-06-30T23:59:59Z", "2025-07-03T00:00:00Z"}};
        for (String[] window : windows) {
            String query = "from=" + window[0] + "&to=" + window[1];
            long[] raw = rawSum(user, null, window);
            JsonNode byModel = get("/api/accounts/" + user + "/usage/by-model?" + query).json().get("items");
            assertThat(sum(byModel, "calls")).as("calls by model in " + query).isEqualTo(raw[0]);
            assertThat(sum(byModel, "costCredits")).as("cost by model in " + query).isEqualTo(raw[1]);
            for (String zone : List.of("UTC", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Kathmandu")) {
                JsonNode byDay = get("/api/accounts/" + user + "/usage/by-day?" + query + "&zone=" + zone).json()
                        .get("items");
                assertThat(sum(byDay, "costCredits")).as("cost by day in " + query + " " + zone).isEqualTo(raw[1]);
            }
            long[] rawModel = rawSum(user, model, window);
            JsonNode top = get("/api/admin/usage/top-users?" + query + "&model=" + model).json().get("items");
            assertThat(sum(top, "costCredits")).as("top users of the model in " + query).isEqualTo(rawModel[1]);
            JsonNode everyone = get("/api/admin/usage/by-day?" + query + "&model=" + model).json().get("items");
            assertThat(sum(everyone, "calls")).as("everyone's calls of the model in " + query).isEqualTo(rawModel[0]);
        }
    }

    /** Calls and cost of the user's statement lines in {@code [window[0], window[1])}, optionally of one model. */
    private long[] rawSum(String user, String model, String[] window) {
        return jdbc.queryForObject("""
                SELECT count(*), COALESCE(-sum(amount_credits), 0) FROM account_transaction
                WHERE type = 'USAGE' AND user_id = ? AND occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz
                  AND (?::text IS NULL OR model = ?)""",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, user, window[0], window[1], model, model);
    }

    private static long sum(JsonNode items, String field) {
        long total = 0;
        for (JsonNode item : items) {
            total += item.get("usage").get(field).asLong();
        }
        return total;
    }

    private static UsageRecorded at(UsageRecorded usage, String occurredAt, String model) {
        usage.setOccurredAt(Instant.parse(occurredAt));
        usage.setModel(model);
        return usage;
    }
}
