package io.creditgate.platform.attacks;

import static io.creditgate.platform.attacks.Attacks.assertClearError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, hostile JSON: on every service's JSON-writing route, a body nested 50,000 deep is 400 (the parser's nesting
 * limit, not a stack overflow or a 500), and a body above the service's size limit is 413 — 4 MB on the gateway's chat
 * API, 1 MiB on the other services and the console — and neither leaves a trace in the victim's ledger record.
 */
@OnTestPlatform
class HostileJsonTest {

    private static final int DEPTH = 50_000;

    /** A route that writes: where it is, who may call it, and a valid body for the given user with room for more. */
    private record Target(String method, Function<String, String> url, String bearer, Function<String, String> bodyFor) {
    }

    private static List<Target> targets() {
        return List.of(
                new Target("POST", user -> RunningPlatform.gatewayUrl() + "/v1/chat/completions", RunningPlatform.SERVICE_KEY,
                        user -> "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"user\":\"" + user + "\""),
                new Target("POST", user -> RunningPlatform.gatewayUrl() + "/api/keys", RunningPlatform.ADMIN_KEY,
                        user -> "{\"userId\":\"" + user + "\",\"name\":\"n\""),
                new Target("POST", user -> RunningPlatform.ledgerUrl() + "/api/admin/accounts/" + user + "/grants",
                        RunningPlatform.ADMIN_KEY, user -> "{\"amountCredits\":1000000,\"reason\":\"hostile\""),
                new Target("PUT", user -> RunningPlatform.alertUrl() + "/api/users/" + user + "/preferences",
                        RunningPlatform.ADMIN_KEY, user -> "{\"email\":\"" + user + "@example.com\""),
                new Target("POST", user -> RunningPlatform.paymentUrl() + "/api/payments/manual-purchases",
                        RunningPlatform.ADMIN_KEY, user -> "{\"userId\":\"" + user + "\",\"credits\":1000000,\"amountMinor\":100,"
                                + "\"currency\":\"usd\",\"method\":\"bank_transfer\",\"reference\":\"r-" + user + "\""));
    }

    @Test
    void deeplyNestedJsonIsRefusedEverywhereAndRecordsNothing() {
        String nested = "[".repeat(DEPTH) + "]".repeat(DEPTH);
        for (Target target : targets()) {
            String user = "nested-" + UUID.randomUUID();
            HttpResponse<String> refused = send(target, user, target.bodyFor().apply(user) + ",\"extra\":" + nested + "}");
            assertClearError(refused, 400);
            assertThat(Attacks.ledgerRecordOf(user)).as(target.url().apply(user)).isEqualTo("no account");
        }
        // The console's own JSON routes, with an admin's API token.
        String token = Attacks.apiToken(RunningPlatform.signedInAdmin(), "[\"admin\"]", "[]");
        HttpResponse<String> people = Attacks.postJson(RunningPlatform.consoleUrl() + "/api/people", token,
                "{\"email\":\"nested-" + UUID.randomUUID() + "@example.com\",\"name\":" + nested + "}");
        assertClearError(people, 400);
    }

    @Test
    void aBodyAboveTheLimitIsRefusedEverywhereAndRecordsNothing() {
        for (Target target : targets()) {
            String user = "oversized-" + UUID.randomUUID();
            boolean chat = target.url().apply(user).contains("/v1/");
            int padding = chat ? 5 * 1024 * 1024 : 2 * 1024 * 1024;
            String body = target.bodyFor().apply(user) + ",\"padding\":\"" + "x".repeat(padding) + "\"}";
            assertClearError(send(target, user, body), 413);
            assertThat(Attacks.ledgerRecordOf(user)).as(target.url().apply(user)).isEqualTo("no account");
        }
        String token = Attacks.apiToken(RunningPlatform.signedInAdmin(), "[\"admin\"]", "[]");
        String user = "oversized-" + UUID.randomUUID();
        assertClearError(Attacks.postJson(RunningPlatform.consoleUrl() + "/api/admin/accounts/" + user + "/grants", token,
                "{\"amountCredits\":1,\"reason\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413);
        assertClearError(Attacks.postJson(RunningPlatform.consoleUrl() + "/api/people", token,
                "{\"email\":\"" + user + "@example.com\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 413);
        assertThat(Attacks.ledgerRecordOf(user)).isEqualTo("no account");
    }

    /** Numbers no credit amount can be: refused, not wrapped around or rounded into a grant. */
    @Test
    void numbersBeyondALongAreRefused() {
        for (String amount : new String[] {"99999999999999999999", "1e400", "-0.5", "NaN"}) {
            String user = "number-" + UUID.randomUUID();
            HttpResponse<String> refused = Attacks.postJson(RunningPlatform.ledgerUrl() + "/api/admin/accounts/" + user
                    + "/grants", RunningPlatform.ADMIN_KEY, "{\"amountCredits\":" + amount + ",\"reason\":\"overflow\"}");
            assertClearError(refused, 400);
            assertThat(Attacks.ledgerRecordOf(user)).as(amount).isEqualTo("no account");
        }
    }

    private static HttpResponse<String> send(Target target, String user, String body) {
        return Attacks.send(HttpRequest.newBuilder(URI.create(target.url().apply(user)))
                .header("Authorization", "Bearer " + target.bearer()).header("Content-Type", "application/json")
                // The chat API names its user in this header (LibreChat's); the services ignore it.
                .header("X-User-Id", user)
                .method(target.method(), HttpRequest.BodyPublishers.ofString(body)));
    }
}
