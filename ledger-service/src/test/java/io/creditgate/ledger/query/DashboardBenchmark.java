package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.ledger.account.AccountBalance;
import io.creditgate.ledger.account.GrantBurn;
import io.creditgate.ledger.account.TokenCounts;
import io.creditgate.ledger.account.UsageCharged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's benchmark (bench/dashboard.sh; not part of the test suite: surefire runs {@code *Test} classes only).
 * Seeds {@code bench.dashboard.events} usage events (default 1,000,000) of {@code bench.dashboard.users} users (1,000)
 * over 90 days and 8 models, {@code bench.dashboard.heavy} (100,000) of them one heavy user's, through the read model's
 * own batch write ({@link UsageWrites}, one statement per 5,000 events: statement lines, account, grant burns and the
 * quarter-hour aggregate), then times the dashboard's pages over HTTP on the running service's port, and the same
 * usage reports computed the old way (a GROUP BY of the statement lines, over JDBC) as the baseline. Every report is
 * checked equal to the baseline's answer. Prints {@code BENCH name value unit} lines.
 *
 * <p>The accounts are written as plain rows (an opening grant each, like {@code GeneratedJournals}); their usage does
 * not go through Kafka and the aggregate (about 3,000 events/s there: ~6 minutes for a million), nor into the event
 * store: the reports read the read model only.
 */
class DashboardBenchmark extends LedgerServiceTestBase {

    private static final int EVENTS = Integer.getInteger("bench.dashboard.events", 1_000_000);
    private static final int USERS = Integer.getInteger("bench.dashboard.users", 1_000);
    private static final int HEAVY = Integer.getInteger("bench.dashboard.heavy", 100_000);
    private static final int ROUNDS = Integer.getInteger("bench.dashboard.rounds", 30);
    private static final int WARMUP = Integer.getInteger("bench.dashboard.warmup", 5);
    private static final int BATCH = 5_000;
    private static final int DAYS = 90;
    private static final List<String> MODELS = List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3", "o4-mini",
            "claude-sonnet-4", "llama-3.3-70b");
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");

    private final Random random = new Random(2026);

    @Test
    void dashboardPagesAtAMillionEvents() {
        String run = "dash-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Instant now = Instant.now();
        String heavy = seed(run, now);

        LocalDate today = now.atZone(SAO_PAULO).toLocalDate();
        String userWindow = "from=" + today.minusDays(29) + "&to=" + today.plusDays(1) + "&zone=America/Sao_Paulo";
        String userToken = TOKENS.user(heavy);
        String adminToken = TOKENS.admin();

        Map<String, Supplier<JsonNode>> userPage = new LinkedHashMap<>();
        userPage.put("user.account", () -> call("/api/accounts/" + heavy, userToken));
        userPage.put("user.by-day", () -> call("/api/accounts/" + heavy + "/usage/by-day?" + userWindow, userToken));
        userPage.put("user.by-model", () -> call("/api/accounts/" + heavy + "/usage/by-model", userToken));
        userPage.put("user.transactions", () -> call("/api/accounts/" + heavy + "/transactions?page=0&size=50", userToken));
        Map<String, Supplier<JsonNode>> adminPage = new LinkedHashMap<>();
        adminPage.put("admin.by-day", () -> call("/api/admin/usage/by-day?" + userWindow, adminToken));
        adminPage.put("admin.by-model", () -> call("/api/admin/usage/by-model", adminToken));
        adminPage.put("admin.top-users", () -> call("/api/admin/usage/top-users?limit=10", adminToken));
        adminPage.put("admin.accounts", () -> call("/api/admin/accounts?page=0&size=50&sort=balanceCredits&direction=desc",
                adminToken));

        Map<String, JsonNode> answers = new HashMap<>();
        measurePage("page.user", userPage, answers);
        measurePage("page.admin", adminPage, answers);
        explain("admin.by-model", answers.get("admin.by-model"), null);
        explain("user.by-model", answers.get("user.by-model"), heavy);

        // The baseline: the same reports the old way, over the same windows, checked equal to the new answers; and the
        // new reports called in-process too (UsageReports over JDBC), so the ratio compares like with like.
        TimeRange userDays = range(answers.get("user.by-day"), SAO_PAULO);
        TimeRange userModels = range(answers.get("user.by-model"), ZoneId.of("UTC"));
        TimeRange adminDays = range(answers.get("admin.by-day"), SAO_PAULO);
        TimeRange adminModels = range(answers.get("admin.by-model"), ZoneId.of("UTC"));
        TimeRange adminTop = range(answers.get("admin.top-users"), ZoneId.of("UTC"));
        compare("user.by-day", answers.get("user.by-day"), () -> reports.byDay(userDays, heavy, null),
                "(occurred_at AT TIME ZONE 'America/Sao_Paulo')::date", heavy, "", "day");
        compare("user.by-model", answers.get("user.by-model"), () -> reports.byModel(userModels, heavy), "model", heavy,
                " ORDER BY cost DESC, 1", "model");
        compare("admin.by-day", answers.get("admin.by-day"), () -> reports.byDay(adminDays, null, null),
                "(occurred_at AT TIME ZONE 'America/Sao_Paulo')::date", null, "", "day");
        compare("admin.by-model", answers.get("admin.by-model"), () -> reports.byModel(adminModels, null), "model", null,
                " ORDER BY cost DESC, 1", "model");
        compare("admin.top-users", answers.get("admin.top-users"), () -> reports.topUsers(adminTop, null, 10), "user_id",
                null, " ORDER BY cost DESC, 1 LIMIT 10", "userId");
    }

    @Autowired
    private UsageReports reports;

    private static TimeRange range(JsonNode answer, ZoneId zone) {
        return new TimeRange(Instant.parse(answer.get("from").asString()), Instant.parse(answer.get("to").asString()),
                zone);
    }

    // --- seeding ---

    /** Writes the accounts and their usage; returns the heavy user's id. */
    private String seed(String run, Instant now) {
        long start = System.nanoTime();
        String heavy = run + "heavy";
        List<String> users = new ArrayList<>(List.of(heavy));
        for (int i = 1; i < USERS; i++) {
            users.add(run + String.format("%04d", i));
        }
        int light = (EVENTS - HEAVY) / (USERS - 1);
        UsageWrites batch = new UsageWrites();
        int pending = 0;
        long written = 0;
        for (int u = 0; u < users.size(); u++) {
            int count = u == 0 ? HEAVY : u == users.size() - 1 ? EVENTS - HEAVY - light * (USERS - 2) : light;
            long opening = 10_000_000_000L + random.nextInt(1_000_000_000);
            Instant openedAt = now.minus(Duration.ofDays(DAYS + 1));
            openAccount(users.get(u), opening, openedAt);
            long spent = 0;
            long version = 0;
            for (Call call : calls(count, now)) {
                spent += call.cost();
                AccountBalance after = new AccountBalance(opening - spent, opening, spent, null, false, "default", openedAt,
                        null);
                batch.add(new UsageCharged(users.get(u), UUID.randomUUID().toString(), "req-" + version, call.model(),
                        "/v1/chat/completions", call.tokens(), call.cost(), "EXACT", call.at(),
                        List.of(new GrantBurn("opening", call.cost())), after), ++version);
                if (++pending == BATCH) {
                    batch.flush(jdbc);
                    written += pending;
                    pending = 0;
                }
            }
        }
        batch.flush(jdbc);
        written += pending;
        double seconds = (System.nanoTime() - start) / 1e9;
        jdbc.execute("VACUUM ANALYZE account_transaction");
        jdbc.execute("VACUUM ANALYZE usage_bucket");
        jdbc.execute("VACUUM ANALYZE account");
        long lines = jdbc.queryForObject("SELECT count(*) FROM account_transaction WHERE type = 'USAGE'", Long.class);
        long buckets = jdbc.queryForObject("SELECT count(*) FROM usage_bucket", Long.class);
        long heavyLines = jdbc.queryForObject("SELECT count(*) FROM account_transaction WHERE user_id = ?", Long.class, heavy);
        assertThat(lines).isGreaterThanOrEqualTo(written);
        System.out.printf("BENCH seed.events %d events%nBENCH seed.users %d users%nBENCH seed.heavy %d events%n"
                + "BENCH seed.seconds %.1f s%nBENCH seed.throughput %.0f events/s%nBENCH seed.usage-lines %d rows%n"
                + "BENCH seed.buckets %d rows (%.1f lines per bucket)%n", written, users.size(), heavyLines, seconds,
                written / seconds, lines, buckets, (double) lines / buckets);
        return heavy;
    }

    private void openAccount(String user, long opening, Instant openedAt) {
        jdbc.update("""
                INSERT INTO account (user_id, balance_credits, cycle_credits, spent_cycle_credits, status, version,
                                     opened_at, updated_at, spendable_credits, plan_id, cycle_started_at)
                VALUES (?, ?, ?, 0, 'ACTIVE', 0, ?, ?, ?, 'default', ?)""", user, opening, opening,
                Timestamp.from(openedAt), Timestamp.from(openedAt), opening, Timestamp.from(openedAt));
        jdbc.update("""
                INSERT INTO account_grant (user_id, grant_id, category, amount_credits, remaining_credits, status, priority,
                                           granted_at, granted_version) VALUES (?, 'opening', 'PROMOTIONAL', ?, ?, 'OPEN', 100, ?, 0)""",
                user, opening, opening, Timestamp.from(openedAt));
    }

    private record Call(Instant at, String model, TokenCounts tokens, long cost) {
    }

    /**
     * A user's calls in time order: chat sessions of 1 to 12 calls, 20 s to 2 min apart, mostly on the user's usual
     * model, starting anywhere in the last 90 days.
     */
    private List<Call> calls(int count, Instant now) {
        List<Call> calls = new ArrayList<>(count);
        String usual = MODELS.get(random.nextInt(MODELS.size()));
        while (calls.size() < count) {
            int session = Math.min(count - calls.size(), 1 + random.nextInt(12));
            String model = random.nextInt(10) < 7 ? usual : MODELS.get(random.nextInt(MODELS.size()));
            Instant at = now.minusMillis((long) (random.nextDouble() * Duration.ofDays(DAYS).toMillis()));
            for (int i = 0; i < session; i++) {
                long prompt = 200 + random.nextInt(4_000);
                long cached = random.nextInt((int) prompt);
                long completion = 50 + random.nextInt(1_500);
                long reasoning = model.startsWith("o") ? random.nextInt(2_000) : 0;
                long cost = 1 + (prompt - cached) * 3 + cached + (completion + reasoning) * 12;
                calls.add(new Call(at, model, new TokenCounts(prompt, cached, completion, reasoning), cost));
                at = at.plusSeconds(20 + random.nextInt(100));
            }
        }
        calls.sort((a, b) -> a.at().compareTo(b.at()));
        return calls;
    }

    // --- measuring ---

    /**
     * Calls every request of a page, in order, WARMUP + ROUNDS times; prints each call's latency and the page's (the
     * sum); then the page's calls all at once, as a browser makes them ({@code <page>.parallel}).
     */
    private void measurePage(String page, Map<String, Supplier<JsonNode>> calls, Map<String, JsonNode> answers) {
        Map<String, double[]> millis = new LinkedHashMap<>();
        calls.keySet().forEach(name -> millis.put(name, new double[ROUNDS]));
        double[] total = new double[ROUNDS];
        for (int round = -WARMUP; round < ROUNDS; round++) {
            for (Map.Entry<String, Supplier<JsonNode>> call : calls.entrySet()) {
                long start = System.nanoTime();
                JsonNode answer = call.getValue().get();
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= 0) {
                    millis.get(call.getKey())[round] = ms;
                    total[round] += ms;
                }
                answers.put(call.getKey(), answer);
            }
        }
        millis.forEach(DashboardBenchmark::print);
        print(page, total);
        // As a browser loads the page: its calls at once (browsers open up to six connections per origin).
        ExecutorService browser = Executors.newFixedThreadPool(calls.size());
        try {
            double[] parallel = new double[ROUNDS];
            for (int round = -WARMUP; round < ROUNDS; round++) {
                long start = System.nanoTime();
                List<Future<JsonNode>> answered = new ArrayList<>();
                calls.values().forEach(call -> answered.add(browser.submit(call::get)));
                for (Future<JsonNode> answer : answered) {
                    answer.get();
                }
                if (round >= 0) {
                    parallel[round] = (System.nanoTime() - start) / 1e6;
                }
            }
            print(page + ".parallel", parallel);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            browser.shutdownNow();
        }
    }

    private JsonNode call(String path, String token) {
        Response response = getAs(path, token);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
        return response.json();
    }

    /**
     * The old report (a GROUP BY of the statement lines over the window the new report answered for) and the new one,
     * both in-process, timed alike; the old answer must equal the one the HTTP call gave.
     */
    private void compare(String name, JsonNode answer, Supplier<List<?>> report, String key, String userId, String order,
            String field) {
        double[] reportMillis = new double[ROUNDS];
        for (int round = -WARMUP; round < ROUNDS; round++) {
            long start = System.nanoTime();
            assertThat(report.get()).isNotEmpty();
            if (round >= 0) {
                reportMillis[round] = (System.nanoTime() - start) / 1e6;
            }
        }
        print("report." + name, reportMillis);
        String sql = "SELECT " + key + " AS k, count(*) AS calls, -sum(amount_credits) AS cost FROM account_transaction"
                + " WHERE type = 'USAGE' AND occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz"
                + (userId == null ? "" : " AND user_id = ?") + " GROUP BY 1" + order;
        List<Object> args = new ArrayList<>(List.of(answer.get("from").asString(), answer.get("to").asString()));
        if (userId != null) {
            args.add(userId);
        }
        double[] millis = new double[ROUNDS];
        Map<String, long[]> old = new LinkedHashMap<>();
        for (int round = -WARMUP; round < ROUNDS; round++) {
            long start = System.nanoTime();
            old.clear();
            jdbc.query(sql, rs -> {
                old.put(rs.getString("k"), new long[] {rs.getLong("calls"), rs.getLong("cost")});
            }, args.toArray());
            if (round >= 0) {
                millis[round] = (System.nanoTime() - start) / 1e6;
            }
        }
        Map<String, long[]> fresh = new LinkedHashMap<>();
        for (JsonNode item : answer.get("items")) {
            JsonNode usage = item.get("usage");
            if (usage.get("calls").asLong() > 0) {
                fresh.put(item.get(field).asString(), new long[] {usage.get("calls").asLong(), usage.get("costCredits").asLong()});
            }
        }
        assertThat(fresh.keySet()).as(name + " rows").containsExactlyElementsOf(order.isEmpty()
                ? fresh.keySet() : old.keySet());
        assertThat(fresh.keySet()).as(name + " rows").containsExactlyInAnyOrderElementsOf(old.keySet());
        old.forEach((k, v) -> assertThat(fresh.get(k)).as(name + " " + k).containsExactly(v));
        print("baseline." + name, millis);
        System.out.printf("BENCH ratio.%s %.1f x (baseline p50 / report p50, both in-process)%n", name,
                lastP50.get("baseline." + name) / lastP50.get("report." + name));
    }

    private static final Map<String, Double> lastP50 = new HashMap<>();

    private static void print(String name, double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        lastP50.put(name, percentile(sorted, 50));
        System.out.printf("BENCH %s p50=%.1f p95=%.1f max=%.1f ms (n=%d)%n", name, percentile(sorted, 50),
                percentile(sorted, 95), sorted[sorted.length - 1], sorted.length);
    }

    private static double percentile(double[] sorted, int percent) {
        return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    /** The plan of a report by model (aggregate plus edges from the lines), for docs/performance.md. */
    private void explain(String name, JsonNode answer, String userId) {
        TimeRange range = new TimeRange(Instant.parse(answer.get("from").asString()),
                Instant.parse(answer.get("to").asString()), ZoneId.of("UTC"));
        UsageReports.Parts parts = UsageReports.Parts.of(range, userId, null, false);
        List<String> plan = jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + parts.sql()
                + "SELECT model, sum(cost) FROM parts GROUP BY model", String.class, parts.args().toArray());
        plan.forEach(line -> System.out.println("PLAN " + name + " " + line));
    }
}
