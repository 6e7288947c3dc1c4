package io.creditgate.platform.attacks;

import static io.creditgate.platform.attacks.Attacks.assertClearError;
import static io.creditgate.platform.attacks.Attacks.chat;
import static io.creditgate.platform.attacks.Attacks.ledgerRecordOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import io.creditgate.console.Browser;
import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, forged identity: the headers that name a user ({@code X-User-Id}, {@code X-User-Email}) count only with
 * the service key; anything that tries to borrow them — no key, a wrong key, a virtual key, a console token, a
 * signed-in browser — is refused or charged to the credential's own owner, and the named victim's ledger record stays
 * exactly as it was (for a fresh victim: no account is even opened).
 */
@OnTestPlatform
class ForgedIdentityTest {

    private static String victim() {
        return "victim-" + UUID.randomUUID();
    }

    @Test
    void aUserHeaderWithoutTheServiceKeyIsRefusedAndChargesNobody() {
        String victim = victim();
        assertThat(assertClearError(chat(null, victim), 401).path("code").asString()).isEqualTo("service_key_missing");
        assertThat(assertClearError(chat("sk-guessed-" + UUID.randomUUID(), victim), 401).path("code").asString())
                .isEqualTo("service_key_wrong");
        // The admin key of the services is no chat credential either.
        assertThat(assertClearError(chat(RunningPlatform.ADMIN_KEY, victim), 401).path("code").asString())
                .isEqualTo("service_key_wrong");
        // A scheme other than Bearer, the key in a Basic header: refused the same way.
        HttpResponse<String> basic = Attacks.send(HttpRequest.newBuilder(URI.create(RunningPlatform.gatewayUrl() + "/v1/chat/completions"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (":" + RunningPlatform.SERVICE_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-User-Id", victim).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"messages\":[]}")));
        assertClearError(basic, 401);
        assertThat(ledgerRecordOf(victim)).isEqualTo("no account");
    }

    @Test
    void aUserHeaderTheLedgerCouldNotChargeIsRefusedWithTheServiceKey() {
        Map<String, String> forged = Map.of(
                "", "user_missing",
                "{{LIBRECHAT_USER_ID}}", "user_unresolved",
                "jane doe", "user_invalid",
                "x".repeat(256), "user_too_long");
        forged.forEach((header, code) -> {
            HttpResponse<String> refused = chat(RunningPlatform.SERVICE_KEY, header);
            assertThat(assertClearError(refused, 400).path("code").asString()).as("X-User-Id '%s'", header).isEqualTo(code);
        });
        HttpResponse<String> missing = chat(RunningPlatform.SERVICE_KEY, null);
        assertThat(assertClearError(missing, 400).path("code").asString()).isEqualTo("user_missing");
    }

    /** A virtual key names its owner; a user header beside it names nobody. */
    @Test
    void aVirtualKeyWithSomeoneElsesUserHeaderIsChargedToTheKeysOwner() {
        String owner = "key-owner-" + UUID.randomUUID();
        String victim = victim();
        HttpResponse<String> created = Attacks.postJson(RunningPlatform.gatewayUrl() + "/api/keys", RunningPlatform.ADMIN_KEY,
                "{\"userId\":\"" + owner + "\",\"name\":\"forgery\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String key = Attacks.JSON.readTree(created.body()).path("key").asString();

        HttpResponse<String> served = chat(key, victim);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(ledgerRecordOf(owner)).contains("USAGE"));
        assertThat(ledgerRecordOf(victim)).isEqualTo("no account");
    }

    /** The services never take a user from a header: a forged one is no credential, beside a token it changes nothing. */
    @Test
    void identityHeadersOnTheServicesAreNoCredential() {
        String victim = victim();
        HttpResponse<String> refused = Attacks.send(HttpRequest.newBuilder(URI.create(RunningPlatform.ledgerUrl()
                        + "/api/admin/accounts/" + victim + "/grants"))
                .header("X-User-Id", "admin").header("X-User-Email", RunningPlatform.ADMIN_EMAIL)
                .header("X-User-Role", "ADMIN").header("X-Forwarded-User", RunningPlatform.ADMIN_EMAIL)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amountCredits\":1000000,\"reason\":\"forged\"}")));
        assertClearError(refused, 401);

        Browser admin = RunningPlatform.signedInAdmin();
        String mallory = "mallory-" + UUID.randomUUID();
        String token = Attacks.apiToken(admin, "[\"user\"]", "[\"" + mallory + "\"]");
        for (String service : new String[] {RunningPlatform.ledgerUrl(), RunningPlatform.consoleUrl()}) {
            HttpResponse<String> asAdmin = Attacks.send(HttpRequest.newBuilder(URI.create(service
                            + "/api/admin/accounts/" + victim + "/grants"))
                    .header("Authorization", "Bearer " + token).header("X-User-Id", victim).header("X-User-Role", "admin")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amountCredits\":1000000,\"reason\":\"forged\"}")));
            // The ledger does not take the console's API tokens itself (401); through the console they are a user's (403).
            assertThat(asAdmin.statusCode()).as(service + ": " + asAdmin.body()).isIn(401, 403);
            assertClearError(asAdmin, asAdmin.statusCode());
        }
        assertThat(ledgerRecordOf(victim)).isEqualTo("no account");
    }

    /** The console relays the signed-in person's token only: a browser's own Authorization header never goes through. */
    @Test
    void aSignedInBrowserCannotSmuggleTheAdminKeyThroughTheRelay() {
        String victim = victim();
        Browser admin = RunningPlatform.signedInAdmin();
        String mallory = "mallory-" + UUID.randomUUID();
        String token = Attacks.apiToken(admin, "[\"user\"]", "[\"" + mallory + "\"]");
        // A user's own token with the admin key in a second header, and the admin key as the only credential.
        HttpResponse<String> smuggled = Attacks.send(HttpRequest.newBuilder(URI.create(RunningPlatform.consoleUrl()
                        + "/api/accounts/" + victim))
                .header("Authorization", "Bearer " + token).header("X-Admin-Key", RunningPlatform.ADMIN_KEY)
                .header("Proxy-Authorization", "Bearer " + RunningPlatform.ADMIN_KEY));
        assertClearError(smuggled, 403);
        assertClearError(Attacks.get(RunningPlatform.consoleUrl() + "/api/accounts/" + victim, RunningPlatform.ADMIN_KEY), 401);
        assertThat(ledgerRecordOf(victim)).isEqualTo("no account");
    }
}
