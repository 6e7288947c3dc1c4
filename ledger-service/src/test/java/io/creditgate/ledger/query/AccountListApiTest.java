package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The admin's accounts grid (GET /api/admin/accounts, decision 56) on real PostgreSQL: paging and total, a search in
 * which % and _ are literal, both orders of each column, the status filter, and a 400 for every bad input. Each test
 * searches for this class's own prefix, so accounts of other tests never show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountListApiTest extends LedgerServiceTestBase {

    private final String prefix = "grid" + UUID.randomUUID().toString().substring(0, 8) + "-";
    /**
     * In order of balance: the first opened by a usage of 1,000 credits (a % cannot travel in a URL path past the
     * security firewall), the others by grants of 1,000 to 4,000 credits; the third is blocked.
     */
    private final List<String> users = List.of(prefix + "a%b", prefix + "a_b", prefix + "axb", prefix + "Mixed.Case",
            prefix + "zed");

    @BeforeAll
    void openAccounts() {
        publishUsage(usage(users.get(0), UUID.randomUUID().toString(), 1_000));
        awaitBalance(users.get(0), STARTING_CREDITS - 1_000);
        for (int i = 1; i < users.size(); i++) {
            assertThat(postGrant(users.get(i), "{\"amountCredits\": " + i * 1_000 + ", \"reason\": \"grid\"}")
                    .status()).isEqualTo(201);
        }
        assertThat(postJson("/api/admin/accounts/" + users.get(2) + "/block", """
                {"reason": "grid test"}""", "Bearer " + ADMIN_KEY).status()).isEqualTo(200);
    }

    @Test
    void pagesCarryTheTotalAndEveryAccountOnceInUserIdOrder() {
        List<String> all = ids(list("q=" + prefix + "&size=200"));
        assertThat(all).containsExactlyInAnyOrderElementsOf(users);
        assertThat(all).isEqualTo(jdbc.queryForList("SELECT user_id FROM account WHERE user_id LIKE ? ORDER BY user_id",
                String.class, prefix + "%"));
        JsonNode first = list("q=" + prefix + "&size=2");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        assertThat(first.get("page").asInt()).isZero();
        assertThat(first.get("size").asInt()).isEqualTo(2);
        List<String> paged = new java.util.ArrayList<>(ids(first));
        paged.addAll(ids(list("q=" + prefix + "&size=2&page=1")));
        JsonNode last = list("q=" + prefix + "&size=2&page=2");
        assertThat(last.get("total").asLong()).isEqualTo(5);
        paged.addAll(ids(last));
        assertThat(paged).isEqualTo(all);
        JsonNode beyond = list("q=" + prefix + "&size=2&page=3");
        assertThat(beyond.get("items")).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(5);
    }

    @Test
    void aRowCarriesWhatTheGridShows() {
        JsonNode row = list("q=" + prefix + "zed").get("items").get(0);
        assertThat(row.get("userId").asString()).isEqualTo(prefix + "zed");
        assertThat(row.get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 4_000);
        assertThat(row.get("spendableCredits").asLong()).isEqualTo(STARTING_CREDITS + 4_000);
        assertThat(row.get("cycleCredits").asLong()).isEqualTo(STARTING_CREDITS + 4_000);
        assertThat(row.get("spentCycleCredits").asLong()).isZero();
        assertThat(row.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(row.get("planId").asString()).isEqualTo("default");
        assertThat(row.get("updatedAt").asString()).isNotBlank();
        assertThat(row.has("cycleCapCredits")).as("no cap: absent").isFalse();
    }

    @Test
    void theSearchIsCaseInsensitiveAndTakesPercentAndUnderscoreLiterally() {
        assertThat(ids(list("q=" + prefix + "a_b"))).containsExactly(prefix + "a_b");
        assertThat(ids(list("q=" + prefix + "a%25b"))).containsExactly(prefix + "a%b");
        assertThat(ids(list("q=" + prefix + "a"))).containsExactlyInAnyOrder(prefix + "a_b", prefix + "a%b",
                prefix + "axb");
        assertThat(ids(list("q=" + prefix.toUpperCase(Locale.ROOT) + "MIXED.case"))).containsExactly(prefix + "Mixed.Case");
        assertThat(ids(list("q=" + prefix.substring(2) + "mixed"))).as("inside the id")
                .containsExactly(prefix + "Mixed.Case");
        assertThat(list("q=%25" + prefix).get("total").asLong()).as("a literal % before the prefix").isZero();
        assertThat(list("q=" + prefix + "%5C").get("total").asLong()).as("a literal backslash").isZero();
    }

    @Test
    void everyColumnSortsBothWays() {
        assertThat(ids(list("q=" + prefix + "&sort=balanceCredits"))).isEqualTo(users);
        assertThat(ids(list("q=" + prefix + "&sort=balanceCredits&direction=desc"))).isEqualTo(reversed(users));
        List<String> byId = ids(list("q=" + prefix + "&sort=userId&direction=asc"));
        assertThat(ids(list("q=" + prefix + "&sort=userId&direction=desc"))).isEqualTo(reversed(byId));
        List<String> unspent = new java.util.ArrayList<>(byId);
        unspent.remove(users.get(0));
        List<String> spentAsc = new java.util.ArrayList<>(unspent);
        spentAsc.add(users.get(0));
        assertThat(ids(list("q=" + prefix + "&sort=spentCycleCredits"))).as("zeros in user id order, then the spender")
                .isEqualTo(spentAsc);
        assertThat(ids(list("q=" + prefix + "&sort=spentCycleCredits&direction=desc"))).isEqualTo(reversed(spentAsc));
        assertThat(last(ids(list("q=" + prefix + "&sort=status")))).as("ACTIVE before BLOCKED").isEqualTo(users.get(2));
        assertThat(ids(list("q=" + prefix + "&sort=status&direction=DESC")).get(0)).isEqualTo(users.get(2));
        assertThat(last(ids(list("q=" + prefix + "&sort=updatedAt")))).as("blocked last").isEqualTo(users.get(2));
        assertThat(ids(list("q=" + prefix + "&sort=updatedAt&direction=desc")).get(0)).isEqualTo(users.get(2));
    }

    @Test
    void theStatusFilterKeepsOneStatus() {
        assertThat(ids(list("q=" + prefix + "&status=BLOCKED"))).containsExactly(users.get(2));
        assertThat(ids(list("q=" + prefix + "&status=active"))).hasSize(4).doesNotContain(users.get(2));
        assertThat(list("q=" + prefix + "&status=EXHAUSTED").get("total").asLong()).isZero();
    }

    @Test
    void everyBadInputIsA400() {
        for (String bad : List.of("sort=email", "sort=balance_credits", "direction=up", "size=0", "size=201", "size=x",
                "page=-1", "page=100001", "page=x", "status=FROZEN", "q=" + "x".repeat(256))) {
            Response response = get("/api/admin/accounts?" + bad);
            assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(400);
            assertThat(response.errorCode()).as(bad).isEqualTo("invalid_request");
        }
        assertThat(get("/api/admin/accounts?sort=balanceCredits").json().get("error")).as("no error").isNull();
    }

    /** The dashboard generates its TypeScript types from this document. */
    @Test
    void theOpenApiDocumentDescribesTheGrid() {
        JsonNode docs = get("/v3/api-docs").json();
        JsonNode grid = docs.get("paths").get("/api/admin/accounts").get("get");
        assertThat(grid.get("parameters").findValuesAsString("name")).containsExactlyInAnyOrder("q", "status", "page",
                "size", "sort", "direction");
        assertThat(grid.get("security").toString()).contains("bearer");
        assertThat(grid.get("responses").has("400")).isTrue();
        JsonNode page = docs.get("components").get("schemas").get("AccountListPage").get("properties");
        assertThat(page.has("items") && page.has("page") && page.has("size") && page.has("total")).as(page.toString())
                .isTrue();
        JsonNode item = docs.get("components").get("schemas").get("AccountListItem").get("properties");
        for (String field : List.of("userId", "balanceCredits", "spendableCredits", "cycleCredits", "spentCycleCredits",
                "cycleCapCredits", "status", "planId", "cycleEndsAt", "updatedAt")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
    }

    private JsonNode list(String query) {
        Response response = get("/api/admin/accounts?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsString("userId");
    }
}
