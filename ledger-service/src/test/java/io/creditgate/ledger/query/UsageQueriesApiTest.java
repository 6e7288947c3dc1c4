package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.web.testing.OpenApiSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Usage by day and model, top users, filtered statements and their CSV exports, on usage charged through Kafka in a
 * window (March 2025) that no other test writes in; and the OpenAPI document.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UsageQueriesApiTest extends LedgerServiceTestBase {

    private static final String WINDOW = "from=2025-03-01&to=2025-03-04";
    private final String alice = "alice-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();

    @BeforeAll
    void chargeUsageInMarch2025() {
        publishUsage(
                at(usage(alice, UUID.randomUUID().toString(), 1_000), "2025-03-01T08:00:00Z", "gpt-4o"),
                at(usage(alice, UUID.randomUUID().toString(), 250), "2025-03-01T23:59:59Z", "gpt-4o-mini"),
                at(usage(alice, UUID.randomUUID().toString(), 4_000), "2025-03-03T12:00:00Z", "gpt-4o"),
                at(usage(bob, UUID.randomUUID().toString(), 9_000), "2025-03-02T10:00:00Z", "gpt-4o"),
                // Outside the window: counted nowhere below.
                at(usage(bob, UUID.randomUUID().toString(), 77), "2025-03-04T00:00:00Z", "gpt-4o"));
        awaitBalance(alice, STARTING_CREDITS - 5_250);
        awaitBalance(bob, STARTING_CREDITS - 9_077);
    }

    @Test
    void aUsersUsageByDayHasEveryDayOfTheWindowWithZerosForQuietDays() {
        JsonNode report = get("/api/accounts/" + alice + "/usage/by-day?" + WINDOW).json();
        assertThat(report.get("zone").asString()).isEqualTo("UTC");
        assertThat(report.get("from").asString()).isEqualTo("2025-03-01T00:00:00Z");
        JsonNode items = report.get("items");
        assertThat(items.findValuesAsString("day")).containsExactly("2025-03-01", "2025-03-02", "2025-03-03");
        assertThat(items.get(0).get("usage").get("calls").asLong()).isEqualTo(2);
        assertThat(items.get(0).get("usage").get("costCredits").asLong()).isEqualTo(1_250);
        assertThat(items.get(0).get("usage").get("promptTokens").asLong()).isEqualTo(2_400);
        assertThat(items.get(1).get("usage").get("calls").asLong()).isZero();
        assertThat(items.get(2).get("usage").get("costCredits").asLong()).isEqualTo(4_000);

        // In Berlin, 23:59:59 UTC on 1 March is already 2 March.
        JsonNode berlin = get("/api/accounts/" + alice + "/usage/by-day?" + WINDOW + "&zone=Europe/Berlin").json()
                .get("items");
        assertThat(berlin.get(0).get("usage").get("costCredits").asLong()).isEqualTo(1_000);
        assertThat(berlin.get(1).get("usage").get("costCredits").asLong()).isEqualTo(250);
        // A model filter.
        JsonNode mini = get("/api/accounts/" + alice + "/usage/by-day?" + WINDOW + "&model=gpt-4o-mini").json().get("items");
        assertThat(mini.get(0).get("usage").get("costCredits").asLong()).isEqualTo(250);
        assertThat(mini.get(2).get("usage").get("calls").asLong()).isZero();
    }

    @Test
    void usageByModelIsOrderedByCost() {
        JsonNode items = get("/api/accounts/" + alice + "/usage/by-model?" + WINDOW).json().get("items");
        assertThat(items.findValuesAsString("model")).containsExactly("gpt-4o", "gpt-4o-mini");
        assertThat(items.get(0).get("usage").get("costCredits").asLong()).isEqualTo(5_000);
        assertThat(items.get(0).get("usage").get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void everyonesUsageAndTopUsersNeedTheAdminKey() {
        assertThat(getAs("/api/admin/usage/by-day?" + WINDOW, null).status()).isEqualTo(401);
        JsonNode days = admin("/api/admin/usage/by-day?" + WINDOW).json().get("items");
        assertThat(days.get(1).get("usage").get("costCredits").asLong()).isEqualTo(9_000);
        assertThat(days.get(0).get("usage").get("calls").asLong()).isEqualTo(2);
        JsonNode models = admin("/api/admin/usage/by-model?" + WINDOW).json().get("items");
        assertThat(models.get(0).get("usage").get("costCredits").asLong()).isEqualTo(14_000);

        JsonNode top = admin("/api/admin/usage/top-users?" + WINDOW + "&limit=1").json().get("items");
        assertThat(top).hasSize(1);
        assertThat(top.get(0).get("userId").asString()).isEqualTo(bob);
        JsonNode both = admin("/api/admin/usage/top-users?" + WINDOW).json().get("items");
        assertThat(both.findValuesAsString("userId")).containsExactly(bob, alice);
    }

    @Test
    void everyReportExportsAsCsv() {
        Response days = get("/api/accounts/" + alice + "/usage/by-day?" + WINDOW + "&format=csv");
        assertThat(days.status()).isEqualTo(200);
        assertThat(days.headers().get("content-type").get(0)).startsWith("text/csv");
        assertThat(days.headers().get("content-disposition").get(0)).contains("usage-by-day.csv");
        assertThat(days.body().split("\r\n")).containsExactly(
                "day,calls,costCredits,promptTokens,cachedPromptTokens,completionTokens,reasoningTokens",
                "2025-03-01,2,1250,2400,400,600,0", "2025-03-02,0,0,0,0,0,0", "2025-03-03,1,4000,1200,200,300,0");

        Response models = send(HttpRequest.newBuilder(uri("/api/accounts/" + alice + "/usage/by-model?" + WINDOW))
                .header("Accept", "text/csv").header("Authorization", "Bearer " + TOKENS.user(alice)).GET());
        assertThat(models.headers().get("content-type").get(0)).startsWith("text/csv");
        assertThat(models.body()).startsWith("model,calls,").contains("\r\ngpt-4o,2,5000,");

        Response top = admin("/api/admin/usage/top-users?" + WINDOW + "&format=csv");
        assertThat(top.headers().get("content-type").get(0)).startsWith("text/csv");
        String[] topLines = top.body().split("\r\n");
        assertThat(topLines).hasSize(3);
        assertThat(topLines[1]).startsWith(bob + ",1,9000,");

        Response statement = get("/api/accounts/" + alice + "/transactions?format=csv&type=USAGE,OPENED");
        assertThat(statement.headers().get("content-type").get(0)).startsWith("text/csv");
        String[] lines = statement.body().split("\r\n");
        assertThat(lines[0]).startsWith("version,type,amountCredits,balanceAfterCredits,eventId,occurredAt,model");
        assertThat(lines).hasSize(5);
        assertThat(lines[1]).startsWith("0,OPENED,1000000,1000000,");
        assertThat(lines[2]).startsWith("1,USAGE,-1000,999000,").contains(",2025-03-01T08:00:00Z,gpt-4o,1200,");
    }

    @Test
    void theStatementFiltersByTypeAndDate() {
        JsonNode usage = get("/api/accounts/" + alice + "/transactions?type=USAGE&from=2025-03-01T12:00:00Z&to=2025-03-04")
                .json();
        assertThat(usage.get("totalItems").asLong()).isEqualTo(2);
        assertThat(usage.get("items").findValuesAsString("type")).containsOnly("USAGE");
        assertThat(usage.get("items").get(0).get("amountCredits").asLong()).isEqualTo(-4_000);
        JsonNode two = get("/api/accounts/" + alice + "/transactions?type=usage&type=opened").json();
        assertThat(two.get("totalItems").asLong()).isEqualTo(4);
        assertThat(get("/api/accounts/" + alice + "/transactions?to=2025-03-01").json().get("totalItems").asLong()).isZero();
    }

    @Test
    void badParametersAreClear400s() {
        String base = "/api/accounts/" + alice;
        assertBadRequest(get(base + "/usage/by-day?from=yesterday"), "from must be an ISO-8601 date");
        assertBadRequest(get(base + "/usage/by-day?from=2025-13-01"), "from must be an ISO-8601 date");
        assertBadRequest(get(base + "/usage/by-day?from=2025-03-04&to=2025-03-01"), "must be before");
        assertBadRequest(get(base + "/usage/by-day?from=2020-01-01&to=2025-03-01"), "longer than 1000 days");
        assertBadRequest(get(base + "/usage/by-day?zone=Mars/Olympus"), "zone 'Mars/Olympus'");
        assertBadRequest(get(base + "/usage/by-model?format=xml"), "format must be json or csv");
        assertBadRequest(admin("/api/admin/usage/top-users?limit=0"), "limit must be between 1 and 1000");
        assertBadRequest(admin("/api/admin/usage/top-users?limit=lots"), "parameter 'limit'");
        assertBadRequest(get(base + "/transactions?type=GIFT"), "type 'GIFT' is not one of");
        assertBadRequest(get(base + "/transactions?from=2025-03-02&to=2025-03-02"), "must be before");
        assertBadRequest(get(base + "/transactions?from=03/01/2025"), "from must be an ISO-8601 date");
        assertBadRequest(get("/api/accounts/%7B%7Bid%7D%7D/usage/by-day"), "userId");
    }

    @Test
    void theOpenApiDocumentDescribesTheQueriesAndMarksAdminOperations() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/accounts/{userId}/transactions")).isTrue();
        assertThat(paths.has("/api/accounts/{userId}/usage/by-day")).isTrue();
        assertThat(paths.has("/api/admin/accounts/{userId}/plan")).isTrue();
        JsonNode top = paths.get("/api/admin/usage/top-users").get("get");
        assertThat(top.get("security").toString()).contains("bearer");
        assertThat(top.get("parameters").findValuesAsString("name")).contains("from", "to", "zone", "model", "format", "limit");
        assertThat(paths.get("/api/accounts/{userId}/transactions").get("get").get("responses").get("200").get("content")
                .has("text/csv")).isTrue();
        assertThat(get("/swagger-ui/index.html").status()).isEqualTo(200);
        OpenApiSnapshot.assertCommitted("ledger", docs.body());
    }

    private void assertBadRequest(Response response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("invalid_request");
        assertThat(response.json().get("error").get("message").asString()).contains(message);
    }

    private Response admin(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_KEY).GET());
    }

    private static UsageRecorded at(UsageRecorded usage, String occurredAt, String model) {
        usage.setOccurredAt(Instant.parse(occurredAt));
        usage.setModel(model);
        return usage;
    }
}
