package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalRedis;
import io.creditgate.schemas.event.CallOutcome;
import io.creditgate.schemas.event.UsageRecorded;
import io.creditgate.schemas.event.UsageSource;
import tools.jackson.databind.JsonNode;

/**
 * The limits of issue 3 with small values: requests and tokens per minute (429 with Retry-After), concurrent
 * streams per user (429), stream duration (a final error event, the generated part billed), upstream response
 * timeout (504), and the release of a reservation a crashed gateway left behind.
 */
class LimitsTest extends OutageTestSupport {

    static final int REQUESTS_PER_MINUTE = 5;
    static final int TOKENS_PER_MINUTE = 2_000;
    static final int CONCURRENT_STREAMS = 2;
    static final Duration STREAM_DURATION = Duration.ofSeconds(2);

    static final LocalRedis REDIS = LocalRedis.start();
    /** About 40 ms an event and 100 words: a stream lasts ~4 s unless the gateway stops it. */
    static final DemoUpstream DEMO = DemoUpstream.start(
            DemoUpstream.Options.defaults().withEventDelay(Duration.ofMillis(40)).withAnswerWords(100));
    static final StallingUpstream UPSTREAM = new StallingUpstream(DEMO.baseUrl());
    static final UsageEventsProbe EVENTS = new UsageEventsProbe(LocalKafka.shared().bootstrapServers());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, UPSTREAM.baseUrl(), REDIS.url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("limits-spool"));
        registry.add("creditgate.limits.requests-per-minute", () -> REQUESTS_PER_MINUTE);
        registry.add("creditgate.limits.tokens-per-minute", () -> TOKENS_PER_MINUTE);
        registry.add("creditgate.limits.concurrent-streams-per-user", () -> CONCURRENT_STREAMS);
        registry.add("creditgate.limits.stream-duration", () -> STREAM_DURATION.toMillis() + "ms");
        registry.add("creditgate.upstream.response-timeout", () -> "1s");
        registry.add("creditgate.admission.reservation-ttl", () -> "5s");
        registry.add("creditgate.admission.lease-renewal", () -> "1s");
        // The periodic sweep has a test of its own (ReservationExpiryTest); here a user's own call releases.
        registry.add("creditgate.admission.sweep-interval", () -> "1h");
    }

    @BeforeEach
    void resetUpstream() {
        DEMO.reset();
    }

    @AfterAll
    static void stopServers() {
        EVENTS.close();
        UPSTREAM.close();
        DEMO.close();
        REDIS.close();
    }

    @Test
    void refusesTheCallOverTheRequestsPerMinuteWith429AndRetryAfter() {
        String user = newUser();
        for (int i = 0; i < REQUESTS_PER_MINUTE; i++) {
            assertThat(post(user, chatBody("Call " + i)).statusCode()).isEqualTo(200);
        }
        double limitedBefore = counter("creditgate.admissions", "decision", "rate_limited");

        HttpResponse<String> refused = post(user, chatBody("One too many"));

        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        // The bucket refills one request every 60 s / 5 = 12 s.
        assertThat(retryAfter).isBetween(1L, 12L);
        JsonNode error = json(refused.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("code").asString()).isEqualTo("requests_per_minute_exceeded");
        assertThat(error.get("message").asString()).isEqualTo("Rate limit reached: each user may start 5 requests per "
                + "minute. Try again in " + retryAfter + " s.");
        assertThat(DEMO.requestCount()).isEqualTo(REQUESTS_PER_MINUTE);
        assertThat(counter("creditgate.admissions", "decision", "rate_limited")).isEqualTo(limitedBefore + 1);
        // Nothing was reserved for the refused call: every pending entry is a settled call.
        awaitEvents(EVENTS, user, REQUESTS_PER_MINUTE);
        assertThat(redis.opsForZSet().size("cg:{" + user + "}:pending-at")).isZero();
        assertThat(post(newUser(), chatBody("Another user is not limited")).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesCallsOnceAMinutesTokensAreUsedUntilTheyDrain() {
        String user = newUser();
        String longPrompt = "word ".repeat(2_500).trim();
        assertThat(post(user, chatBody(longPrompt)).statusCode()).isEqualTo(200);
        UsageRecorded big = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(big.getPromptTokens() + big.getCompletionTokens()).isGreaterThan(TOKENS_PER_MINUTE);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hasKey("cg:{" + user + "}:rate:tokens"));

        HttpResponse<String> refused = post(user, chatBody("Short"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused.body()).at("/error/code").asString()).isEqualTo("tokens_per_minute_exceeded");
        // Used beyond a minute's worth: it drains at 2,000 tokens a minute until below the limit again.
        long overdraft = big.getPromptTokens() + big.getCompletionTokens() - TOKENS_PER_MINUTE;
        long expectedSeconds = (overdraft * 60 + TOKENS_PER_MINUTE - 1) / TOKENS_PER_MINUTE;
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(expectedSeconds - 2, expectedSeconds + 1);
        assertThat(DEMO.requestCount()).isEqualTo(1);
    }

    @Test
    void refusesAStreamOverTheConcurrentLimitAndAdmitsOneWhenASlotFrees() {
        String user = newUser();
        List<CompletableFuture<HttpResponse<Stream<String>>>> open = List.of(openStream(user), openStream(user));
        open.forEach(stream -> assertThat(stream.join().statusCode()).isEqualTo(200));

        HttpResponse<String> refused = post(user, streamBody("A third at once"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        JsonNode error = json(refused.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("code").asString()).isEqualTo("concurrent_streams_exceeded");
        assertThat(error.get("message").asString()).contains("2 open at a time");
        assertThat(post(newUser(), chatBody("Other users stream on")).statusCode()).isEqualTo(200);

        open.forEach(stream -> stream.join().body().count());
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(post(user, streamBody("Now there is room")).statusCode()).isEqualTo(200));
    }

    @Test
    void stopsAStreamAtTheDurationLimitWithAnErrorEventAndBillsWhatWasGenerated() {
        String user = newUser();
        long started = System.nanoTime();

        HttpResponse<String> response = post(user, streamBody("Tell me everything"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).isBetween(STREAM_DURATION, STREAM_DURATION.plusSeconds(1));
        List<String> events = List.of(response.body().split("\n\n"));
        assertThat(events.size()).isGreaterThan(5);
        String last = events.get(events.size() - 1);
        assertThat(last).startsWith("data: {\"error\":");
        assertThat(json(last.substring("data: ".length())).at("/error/message").asString())
                .isEqualTo("The answer was stopped: it streamed longer than this gateway allows (2 s). "
                        + "The part generated so far is billed.");
        assertThat(response.body()).doesNotContain("[DONE]");
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.OTHER);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getCompletionTokens()).isPositive();
        assertThat(event.getCostCredits()).isEqualTo(cost(event.getPromptTokens(), event.getCompletionTokens()));
    }

    @Test
    void answers504WhenTheUpstreamDoesNotAnswerInTime() {
        String user = newUser();
        UPSTREAM.stallNextCall();
        try {
            HttpResponse<String> response = post(user, chatBody("Hello?"));

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(json(response.body())).isEqualTo(json("{\"error\":{\"message\":\"The upstream model provider did "
                    + "not answer in time. Try again in a moment.\",\"type\":\"server_error\",\"code\":\"upstream_timeout\","
                    + "\"param\":null}}"));
        } finally {
            UPSTREAM.release();
        }
        // The call was sent, so the provider may have worked on it: recorded, with the prompt estimated.
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        assertThat(event.getOutcome()).isEqualTo(CallOutcome.UPSTREAM_ERROR);
        assertThat(event.getUsageSource()).isEqualTo(UsageSource.ESTIMATED);
        assertThat(event.getCompletionTokens()).isZero();
        assertThat(event.getPromptTokens()).isPositive();
    }

    @Test
    void releasesAReservationACrashedGatewayLeftOnTheUsersNextCall() {
        String user = newUser();
        long balance = 5_000;
        redis.opsForHash().putAll("cg:{" + user + "}:account", Map.of("balance", Long.toString(balance), "version", "1"));
        // A gateway reserved the whole balance a minute ago (the TTL here is 5 s) and died.
        redis.opsForHash().put("cg:{" + user + "}:pending", "crashed-call", Long.toString(balance));
        redis.opsForZSet().add("cg:{" + user + "}:pending-at", "crashed-call", System.currentTimeMillis() - 60_000);
        // A call still in flight elsewhere is not released.
        redis.opsForHash().put("cg:{" + user + "}:pending", "live-call", "1000");
        redis.opsForZSet().add("cg:{" + user + "}:pending-at", "live-call", System.currentTimeMillis());
        redis.opsForValue().set("cg:{" + user + "}:pending-total", Long.toString(balance + 1000));
        double expiredBefore = counter("creditgate.reservations.expired");

        HttpResponse<String> response = post(user, chatBody("Am I free again?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(counter("creditgate.reservations.expired")).isEqualTo(expiredBefore + 1);
        UsageRecorded event = awaitEvents(EVENTS, user, 1).get(0);
        Map<Object, Object> pending = redis.opsForHash().entries("cg:{" + user + "}:pending");
        assertThat(pending).containsOnlyKeys("live-call", event.getEventId());
        assertThat(redis.opsForZSet().range("cg:{" + user + "}:pending-at", 0, -1)).containsExactly("live-call");
        // The running total follows the hash: the crashed call's credits are gone from it too.
        assertThat(Long.parseLong(redis.opsForValue().get("cg:{" + user + "}:pending-total")))
                .isEqualTo(1000 + event.getCostCredits());
    }

    private java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> openStream(String user) {
        return HTTP.sendAsync(chatRequest(user, streamBody("Keep talking")), HttpResponse.BodyHandlers.ofLines());
    }

    /** ceil(prompt x 0.15 + completion x 0.60): gpt-4o-mini's prices, computed here independently. */
    private static long cost(long prompt, long completion) {
        return new BigDecimal("0.15").multiply(BigDecimal.valueOf(prompt))
                .add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(completion)))
                .setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
