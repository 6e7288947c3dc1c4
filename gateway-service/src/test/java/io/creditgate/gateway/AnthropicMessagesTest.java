package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's {@code POST /v1/messages}: forwarded with the Anthropic upstream's own credentials, charged with
 * cache reads and writes at their own rates, streaming included, and every error in Anthropic's shape.
 */
class AnthropicMessagesTest extends GatewayTestBase {

    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":400,\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello Claude\"}]}";

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @AfterEach
    void restoreUpstream() {
        DEMO.reset();
    }

    @Test
    void anthropicClientIsForwardedWithTheUpstreamsKeyAndChargedForCacheReadsAndWritesApart() {
        // Of the prompt's 15 tokens, 6 are read from the cache and 4 written to it.
        DEMO.reconfigure(DEMO.options().withCachedPromptTokens(6).withCacheWriteTokens(4));
        String user = newUser();

        // An Anthropic SDK sends its key as x-api-key (here the gateway's service key), plus its version and betas.
        HttpResponse<String> response = post("/v1/messages", Map.of("x-api-key", SERVICE_KEY, "X-User-Id", user,
                "anthropic-version", "2023-06-01", "anthropic-beta", "prompt-caching-2024-07-31"), BODY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(onlyUpstreamAnswer());
        DemoUpstream.RecordedRequest forwarded = DEMO.requests().get(0);
        assertThat(forwarded.path()).isEqualTo("/v1/messages");
        assertThat(forwarded.header("x-api-key")).isEqualTo(ANTHROPIC_UPSTREAM_KEY);
        assertThat(forwarded.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(forwarded.header("anthropic-beta")).isEqualTo("prompt-caching-2024-07-31");
        assertThat(forwarded.authorization()).isNull();
        assertThat(forwarded.body()).doesNotContain(SERVICE_KEY);
        JsonNode usage = json(response.body()).get("usage");
        long input = usage.get("input_tokens").asLong();
        assertThat(input).isEqualTo(5);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getEndpoint()).isEqualTo("messages");
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(event.getPromptTokens()).isEqualTo(input + 6 + 4);
        assertThat(event.getCachedPromptTokens()).isEqualTo(6);
        assertThat(event.getCacheWritePromptTokens()).isEqualTo(4);
        assertThat(event.getCompletionTokens()).isEqualTo(usage.get("output_tokens").asLong());
        // claude-sonnet-4-5: 3.00 uncached input, 0.30 cache read, 3.75 cache write, 15.00 output.
        assertThat(event.getCostCredits()).isEqualTo(expectedCost("claude-sonnet-4-5", input + 10, 6, 4,
                event.getCompletionTokens(), 0));
        assertThat(event.getCostCredits()).isEqualTo(
                (long) Math.ceil(5 * 3.0 + 6 * 0.30 + 4 * 3.75 + event.getCompletionTokens() * 15.0));
    }

    @Test
    void theGatewaySendsItsAnthropicVersionWhenTheClientNamesNone() {
        String user = newUser();

        assertThat(post("/v1/messages", user, BODY).statusCode()).isEqualTo(200);

        assertThat(DEMO.requests().get(0).header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(awaitEvents(user, 1)).hasSize(1);
    }

    @Test
    void streamPassesEveryEventAndIsChargedFromMessageStartAndMessageDelta() {
        DEMO.reconfigure(DEMO.options().withCachedPromptTokens(3).withCacheWriteTokens(4));
        String user = newUser();

        HttpResponse<String> response = post("/v1/messages", user, BODY.replaceFirst("\\{", "{\"stream\":true,"));

        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(onlyUpstreamAnswer());
        JsonNode start = ExactnessTest.lastNamed(response.body(), "message_start").at("/message/usage");
        JsonNode delta = ExactnessTest.lastNamed(response.body(), "message_delta").get("usage");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getStream()).isTrue();
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.EXACT);
        assertThat(event.getPromptTokens()).isEqualTo(start.get("input_tokens").asLong() + 7);
        assertThat(event.getCachedPromptTokens()).isEqualTo(3);
        assertThat(event.getCompletionTokens()).isEqualTo(delta.get("output_tokens").asLong()).isGreaterThan(1);
        assertThat(event.getCostCredits()).isEqualTo(expectedCost("claude-sonnet-4-5", event.getPromptTokens(), 3, 4,
                event.getCompletionTokens(), 0));
    }

    /** Cut after message_start: the provider's input count stays, the output is counted from the text so far. */
    @Test
    void streamBrokenOffKeepsTheReportedInputAndEstimatesTheOutput() {
        String user = newUser();
        // A pause between events, so the pass-through reads them one by one and cuts after a few deltas.
        DEMO.reconfigure(DEMO.options().withEventDelay(Duration.ofMillis(5)));
        UPSTREAM.dropNextAnswerAfter(1_200);

        HttpResponse<String> response = post("/v1/messages", user, BODY.replaceFirst("\\{", "{\"stream\":true,"));

        String last = events(response.body()).get(events(response.body()).size() - 1);
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = json(last.substring(last.indexOf("data: ") + 6));
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.at("/error/type").asString()).isEqualTo("api_error");
        long reportedInput = ExactnessTest.lastNamed(response.body(), "message_start").at("/message/usage/input_tokens").asLong();
        StringBuilder text = new StringBuilder();
        events(response.body()).stream().filter(e -> e.startsWith("event: content_block_delta"))
                .forEach(e -> text.append(json(e.substring(e.indexOf("data: ") + 6)).at("/delta/text").asString()));
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getPromptTokens()).isEqualTo(reportedInput);
        assertThat(event.getCompletionTokens()).isEqualTo(cl100k(text.toString())).isPositive();
        assertPricedExactly(event);
    }

    @Test
    void outputCapIsWrittenIntoMaxTokens() {
        String user = newUser();
        // About 20 prompt tokens at the cache-write rate 3.75 (the dearest input rate) and 10 output tokens at 15.
        long promptTokens = 3 + (3 + cl100k("Be brief.")) + (3 + cl100k("user")
                + cl100k("Hello Claude"));
        setBalance(user, (long) Math.ceil(promptTokens * 3.75) + 150);

        assertThat(post("/v1/messages", user, BODY).statusCode()).isEqualTo(200);

        assertThat(json(DEMO.requestBodies().get(0)).get("max_tokens").asLong()).isEqualTo(10);
        assertThat(json(onlyUpstreamAnswer()).get("stop_reason").asString()).isEqualTo("max_tokens");
    }

    @Test
    void errorsComeInAnthropicsShape() {
        String user = newUser();
        assertAnthropicError(post("/v1/messages", user, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5}"),
                400, "invalid_request_error", "messages_invalid");
        assertAnthropicError(post("/v1/messages", user, "{\"model\":\"claude-0\",\"max_tokens\":5,\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 400, "invalid_request_error", "model_not_found");
        assertAnthropicError(post("/v1/messages", Map.of("x-api-key", "wrong", "X-User-Id", user), BODY),
                401, "authentication_error", "service_key_wrong");
        String broke = newUser();
        setBalance(broke, 0);
        assertAnthropicError(post("/v1/messages", broke, BODY), 402, "billing_error", "credits_exhausted");
        assertThat(DEMO.requestCount()).isZero();
    }

    @Test
    void theUpstreamsOwnErrorsPassThroughAsTheyCame() {
        String user = newUser();

        HttpResponse<String> response = post("/v1/messages", user,
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(onlyUpstreamAnswer());
        assertThat(json(response.body()).at("/error/message").asString()).contains("max_tokens");
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getCostCredits()).isZero();
    }

    private static void assertAnthropicError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response.body());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.at("/error/type").asString()).isEqualTo(type);
        assertThat(body.at("/error/message").asString()).isNotBlank();
        assertThat(body.at("/error/code").asString()).isEqualTo(code);
        assertThat(body.has("param")).isFalse();
    }
}
