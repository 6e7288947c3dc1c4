package io.creditgate.platform;

import static io.creditgate.platform.PlatformEndToEndTest.HTTP;
import static io.creditgate.platform.PlatformEndToEndTest.JSON;
import static io.creditgate.platform.PlatformEndToEndTest.STARTING_CREDITS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.completions.CompletionUsage;

import tools.jackson.databind.JsonNode;

/**
 * Issue 13 on the running platform: an admin changes a price through the gateway's API, the next call is charged at
 * it, the earlier charge stays what it was, and the ledger's audit replay still explains every balance.
 */
@ExtendWith(TestPlatform.class)
class PlatformPricesTest {

    /** A model the demo serves whose price no other platform test counts on. */
    static final String MODEL = "gpt-4.1-mini";
    static Platform platform;

    @BeforeAll
    static void usePlatform() {
        platform = TestPlatform.platform();
        PlatformEndToEndTest.platform = platform;
    }

    @Test
    void aPriceChangedThroughTheApiChargesTheNextCallOnlyAndTheReplayStillVerifies() throws Exception {
        String user = "pricey-" + System.nanoTime();
        CompletionUsage before = call(user);
        // The catalogue's gpt-4.1-mini: 0.40 input, 1.60 output credits per token.
        long firstCost = cost(before, "0.40", "1.60");
        PlatformEndToEndTest.awaitBalance(user, STARTING_CREDITS - firstCost);

        HttpResponse<String> change = gateway("POST", "/api/admin/price-changes", "{\"action\":\"SET\",\"model\":\"" + MODEL
                + "\",\"reason\":\"ten times dearer, for the test\",\"price\":{\"input\":4,\"output\":16}}");
        assertThat(change.statusCode()).as(change.body()).isEqualTo(201);
        try {
            CompletionUsage after = call(user);
            long secondCost = cost(after, "4", "16");
            PlatformEndToEndTest.awaitBalance(user, STARTING_CREDITS - firstCost - secondCost);

            HttpResponse<String> transactions = get(platform.ledgerUrl() + "/api/accounts/" + user + "/transactions?type=USAGE");
            assertThat(transactions.statusCode()).as(transactions.body()).isEqualTo(200);
            JsonNode items = JSON.readTree(transactions.body()).path("items");
            assertThat(items.findValuesAsString("type")).containsOnly("USAGE");
            assertThat(items.findValues("amountCredits").stream().map(amount -> Math.abs(amount.asLong())).toList())
                    .containsExactlyInAnyOrder(firstCost, secondCost);

            HttpResponse<String> replay = HTTP.send(HttpRequest.newBuilder(URI.create(platform.ledgerUrl() + "/api/admin/replay"))
                    .header("Authorization", "Bearer " + TestPlatform.ADMIN_KEY).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
            assertThat(JSON.readTree(replay.body()).path("ok").asBoolean()).as(replay.body()).isTrue();
        } finally {
            HttpResponse<String> reset = gateway("POST", "/api/admin/price-changes", "{\"action\":\"RESET\",\"model\":\""
                    + MODEL + "\",\"reason\":\"test done\"}");
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(201);
        }
    }

    private static CompletionUsage call(String user) {
        ChatCompletion completion = PlatformEndToEndTest.client(user).chat().completions()
                .create(PlatformEndToEndTest.question(MODEL));
        return completion.usage().orElseThrow();
    }

    private static long cost(CompletionUsage usage, String input, String output) {
        return new BigDecimal(input).multiply(BigDecimal.valueOf(usage.promptTokens()))
                .add(new BigDecimal(output).multiply(BigDecimal.valueOf(usage.completionTokens())))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static HttpResponse<String> gateway(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Authorization", "Bearer " + TestPlatform.ADMIN_KEY).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TestPlatform.ADMIN_KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
