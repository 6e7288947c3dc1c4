package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.creditgate.gateway.metering.TokenCounter;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * Every metered answer tells what it cost ({@code X-Creditgate-Cost}; streams, whose cost is known only at
 * their end, the reservation in {@code X-Creditgate-Reserved}), what is left ({@code X-Creditgate-Balance}),
 * and warns once 80 % of the cycle's credits are used ({@code X-Creditgate-Warning}).
 */
class CreditHeadersTest extends GatewayTestBase {

    @Autowired
    TokenCounter tokens;

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @AfterEach
    void restoreUpstream() {
        DEMO.reset();
    }

    @Test
    void aCallCarriesItsCostAndTheBalanceAfterIt() {
        String user = newUser();
        setAccount(user, 500_000, 1_000_000);

        HttpResponse<String> response = post(user, chatBody("gpt-4o", "What does this cost?"));

        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(header(response, "X-Creditgate-Cost")).isEqualTo(event.getCostCredits()).isPositive();
        assertThat(header(response, "X-Creditgate-Balance")).isEqualTo(500_000 - event.getCostCredits());
        assertThat(response.headers().firstValue("X-Creditgate-Warning")).isEmpty();
        assertThat(response.headers().firstValue("X-Creditgate-Reserved")).isEmpty();
    }

    @Test
    void aStreamCarriesItsReservationAndTheBalanceWithItHeld() {
        String user = newUser();
        setAccount(user, 500_000, 1_000_000);
        String body = "{\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        long prompt = tokens.countPrompt("gpt-4o", json(body).get("messages"), null);
        // The prompt at 2.50 and the 50 tokens asked for at 10.00 credits a token.
        long reserved = new BigDecimal("2.50").multiply(BigDecimal.valueOf(prompt)).setScale(0, RoundingMode.CEILING)
                .longValueExact() + 500;

        HttpResponse<String> response = post(user, body);

        assertThat(header(response, "X-Creditgate-Reserved")).isEqualTo(reserved);
        assertThat(header(response, "X-Creditgate-Balance")).isEqualTo(500_000 - reserved);
        assertThat(response.headers().firstValue("X-Creditgate-Cost")).isEmpty();
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(event.getCostCredits()).isLessThanOrEqualTo(reserved);
    }

    @Test
    void warnsOnce80PercentOfTheCyclesCreditsAreUsed() {
        String below = newUser();
        setAccount(below, 300_000, 1_000_000);
        String above = newUser();
        setAccount(above, 190_000, 1_000_000);

        HttpResponse<String> seventyPercent = post(below, chatBody("gpt-4o-mini", "Hi"));
        HttpResponse<String> eightyOnePercent = post(above, chatBody("gpt-4o-mini", "Hi"));

        assertThat(seventyPercent.headers().firstValue("X-Creditgate-Warning")).isEmpty();
        long left = header(eightyOnePercent, "X-Creditgate-Balance");
        assertThat(eightyOnePercent.headers().firstValue("X-Creditgate-Warning")).hasValue(
                "81% of this cycle's credits are used; " + left + " of 1000000 credits left.");
    }

    @Test
    void warnsOnStreamsByWhatWasUsedBeforeTheCall() {
        String user = newUser();
        setAccount(user, 150_000, 1_000_000);

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Hi").replaceFirst("\\{", "{\"stream\":true,"));

        assertThat(response.headers().firstValue("X-Creditgate-Warning").orElseThrow()).startsWith("85% of this cycle's");
    }

    @Test
    void doesNotWarnWhenTheLedgerHasNotWrittenTheCycle() {
        String user = newUser();
        setBalance(user, 1_000);

        HttpResponse<String> response = post(user, chatBody("gpt-4o-mini", "Hi"));

        assertThat(header(response, "X-Creditgate-Balance")).isLessThan(1_000);
        assertThat(response.headers().firstValue("X-Creditgate-Warning")).isEmpty();
    }

    @Test
    void aNewUsersCycleIsTheStartingCredits() {
        String user = newUser();

        HttpResponse<String> response = post("/v1/embeddings", user, "{\"model\":\"text-embedding-3-small\",\"input\":\"Hi\"}");

        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertThat(header(response, "X-Creditgate-Cost")).isEqualTo(event.getCostCredits());
        assertThat(header(response, "X-Creditgate-Balance")).isEqualTo(STARTING_CREDITS - event.getCostCredits());
        assertThat(response.headers().firstValue("X-Creditgate-Warning")).isEmpty();
    }

    @Test
    void anUpstreamErrorCostsNothingAndSaysSo() {
        String user = newUser();
        setAccount(user, 10_000, 1_000_000);

        HttpResponse<String> response = post(user, chatBody(UNSERVED_MODEL, "Anyone?"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(header(response, "X-Creditgate-Cost")).isZero();
        assertThat(header(response, "X-Creditgate-Balance")).isEqualTo(10_000);
        assertThat(response.headers().firstValue("X-Creditgate-Warning")).hasValueSatisfying(w -> assertThat(w).startsWith("99%"));
    }

    @Test
    void everyEndpointCarriesTheHeaders() {
        String user = newUser();
        HttpResponse<String> completions = post("/v1/completions", user, "{\"model\":\"gpt-4o-mini\",\"prompt\":\"Hi\"}");
        HttpResponse<String> responses = post("/v1/responses", user, "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}");
        HttpResponse<String> messages = post("/v1/messages", user, "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":20,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        long charged = awaitEvents(user, 3).stream().mapToLong(UsageRecorded::getCostCredits).sum();
        for (HttpResponse<String> response : java.util.List.of(completions, responses, messages)) {
            assertThat(header(response, "X-Creditgate-Cost")).as(response.uri().toString()).isPositive();
            assertThat(header(response, "X-Creditgate-Balance")).isLessThan(STARTING_CREDITS);
        }
        assertThat(header(completions, "X-Creditgate-Cost") + header(responses, "X-Creditgate-Cost")
                + header(messages, "X-Creditgate-Cost")).isEqualTo(charged);
        assertThat(header(messages, "X-Creditgate-Balance")).isEqualTo(STARTING_CREDITS - charged);
    }

    private static long header(HttpResponse<String> response, String name) {
        return Long.parseLong(response.headers().firstValue(name)
                .orElseThrow(() -> new AssertionError(name + " missing in " + response.headers().map())));
    }
}
