package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.schemas.event.UsageRecorded;
import tools.jackson.databind.JsonNode;

/** Check, reserve, settle: users without credits are refused before the upstream sees anything. */
class AdmissionTest extends GatewayTestBase {

    static final String CREDITS_EXHAUSTED = "{\"error\":{\"message\":\"You have used all your credits. Buy more at "
            + "https://credits.example/buy or ask your administrator.\",\"type\":\"credits_exhausted\","
            + "\"code\":\"credits_exhausted\",\"param\":null}}";

    @Autowired
    TokenCounter tokens;

    @BeforeEach
    void resetUpstream() {
        DEMO.reset();
        UPSTREAM.reset();
    }

    @Test
    void refusesUserWithNoCreditsLeftWith402AndNeverCallsTheUpstream() {
        String user = newUser();
        setBalance(user, 0);

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Anything left?"));

        assertThat(response.statusCode()).isEqualTo(402);
        assertThat(json(response.body())).isEqualTo(json(CREDITS_EXHAUSTED));
        assertThat(DEMO.requestCount()).isZero();
        assertThat(pending(user)).isEmpty();
        assertThat(awaitEvents(user, 0)).isEmpty();
    }

    @Test
    void refusesABlockedUserWith403WhateverTheBalanceAndNeverCallsTheUpstream() {
        String user = newUser();
        setBalance(user, 1_000_000);
        redis.opsForHash().put("cg:{" + user + "}:account", "status", "BLOCKED");

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Still there?"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response.body()).path("error").path("code").asString()).isEqualTo("account_blocked");
        assertThat(json(response.body()).path("error").path("message").asString()).contains("blocked by an administrator");
        assertThat(DEMO.requestCount()).isZero();
        assertThat(pending(user)).isEmpty();
        assertThat(awaitEvents(user, 0)).isEmpty();
    }

    @Test
    void admitsUnseenUserAgainstTheStartingCredits() {
        String user = newUser();

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "First call"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(awaitEvents(user, 1)).hasSize(1);
    }

    @Test
    void concurrentCallsOfOneUserCannotOverspendByMoreThanOneCall() {
        String user = newUser();
        String body = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":60,\"messages\":[{\"role\":\"user\",\"content\":\"Go\"}]}";
        long oneCallReservation = promptCost("gpt-4o-mini", body) + outputCost("gpt-4o-mini", 60);
        long balance = 5 * oneCallReservation;
        setBalance(user, balance);

        List<HttpResponse<String>> responses = fire(50, user, body);

        List<HttpResponse<String>> admitted = responses.stream().filter(r -> r.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(r -> r.statusCode() == 402).toList();
        assertThat(admitted.size() + refused.size()).isEqualTo(50);
        assertThat(admitted).isNotEmpty();
        // Refused once nothing is left, or once what is left cannot pay a call: both are credits_exhausted.
        assertThat(refused).isNotEmpty().allSatisfy(r ->
                assertThat(json(r.body()).at("/error/code").asString()).isEqualTo("credits_exhausted"));
        List<UsageRecorded> events = awaitEvents(user, admitted.size());
        long charged = events.stream().mapToLong(UsageRecorded::getCostCredits).sum();
        long mostExpensive = events.stream().mapToLong(UsageRecorded::getCostCredits).max().orElseThrow();
        assertThat(charged).isLessThanOrEqualTo(balance + mostExpensive);
        assertThat(DEMO.requestCount()).isEqualTo(admitted.size());
    }

    @Test
    void capsTheOutputAtWhatTheUserCanAfford() {
        String user = newUser();
        String body = chatBody("gpt-4o-mini", "Tell me a long story");
        long affordableTokens = 10;
        long balance = promptCost("gpt-4o-mini", body) + outputCost("gpt-4o-mini", affordableTokens);
        setBalance(user, balance);

        HttpResponse<String> response = post(user, body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode forwarded = json(DEMO.requestBodies().get(0));
        assertThat(forwarded.get("max_completion_tokens").asLong()).isEqualTo(affordableTokens);
        assertThat(forwarded.has("max_tokens")).isFalse();
        assertThat(json(response.body()).at("/choices/0/finish_reason").asString()).isEqualTo("length");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getCompletionTokens()).isEqualTo(affordableTokens);
        assertThat(event.getCostCredits()).isLessThanOrEqualTo(balance);
    }

    /** OpenAI refuses max_tokens and max_completion_tokens together, so the client's own field is lowered. */
    @Test
    void capLowersMaxTokensWhenThatIsTheClientsLimit() {
        String user = newUser();
        String body = "{\"model\":\"gpt-4o\",\"max_tokens\":500,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        long balance = promptCost("gpt-4o", body) + outputCost("gpt-4o", 7);
        setBalance(user, balance);

        assertThat(post(user, body).statusCode()).isEqualTo(200);

        JsonNode forwarded = json(DEMO.requestBodies().get(0));
        assertThat(forwarded.get("max_tokens").asLong()).isEqualTo(7);
        assertThat(forwarded.has("max_completion_tokens")).isFalse();
    }

    @Test
    void leavesTheClientsLimitAloneWhenTheUserCanAffordIt() {
        String body = "{\"model\":\"gpt-4o\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

        assertThat(post(newUser(), body).statusCode()).isEqualTo(200);

        JsonNode forwarded = json(DEMO.requestBodies().get(0));
        assertThat(forwarded.get("max_tokens").asLong()).isEqualTo(50);
        assertThat(forwarded.has("max_completion_tokens")).isFalse();
    }

    @Test
    void refusesWhenNotEvenOneOutputTokenIsAffordable() {
        String user = newUser();
        String body = chatBody("gpt-4o", "Just the prompt");
        long left = promptCost("gpt-4o", body);
        setBalance(user, left);

        HttpResponse<String> response = post(user, body);

        assertThat(response.statusCode()).isEqualTo(402);
        // Credits remain, so the message does not say they are all used: a shorter call may still go through.
        assertThat(json(response.body())).isEqualTo(json("{\"error\":{\"message\":\"Your remaining " + left
                + " credits do not cover this request. Start a shorter conversation or pick a cheaper model, or buy "
                + "more credits at https://credits.example/buy.\",\"type\":\"credits_exhausted\","
                + "\"code\":\"credits_exhausted\",\"param\":null}}"));
        assertThat(DEMO.requestCount()).isZero();
        assertThat(pending(user)).isEmpty();
    }

    private long promptCost(String model, String body) {
        JsonNode request = json(body);
        long promptTokens = tokens.countPrompt(model, request.get("messages"), null);
        return inputPrice(model).multiply(BigDecimal.valueOf(promptTokens)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    private static long outputCost(String model, long tokens) {
        return outputPrice(model).multiply(BigDecimal.valueOf(tokens)).setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    private List<HttpResponse<String>> fire(int calls, String user, String body) {
        List<CompletableFuture<HttpResponse<String>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + SERVICE_KEY).header("X-User-Id", user)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            futures.add(HTTP.sendAsync(withTimeout(request), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
