package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.creditgate.console.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 10 on the running platform, as people meet it: the first admin signs in at the console with the banner's
 * credentials, invites a person by email (the platform's mail catcher holds the link), the person sets a password,
 * chats through the gateway as LibreChat would name them, and then sees their own account through the console, and
 * only theirs. A stranger reaches nothing on any service; finance reads reports but cannot grant; a script uses an
 * API token; five wrong passwords lock a person out until a reset. Afterwards no secret used appears in any
 * service's log.
 */
@ExtendWith(TestPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformAccessTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Every secret the tests handled, to look for in the services' logs at the end. */
    private static final List<String> SECRETS = new ArrayList<>(List.of(TestPlatform.ADMIN_PASSWORD,
            TestPlatform.SERVICE_KEY, TestPlatform.ADMIN_KEY));

    private static Platform platform;
    private static String console;

    @BeforeAll
    static void usePlatform() {
        platform = TestPlatform.platform();
        console = platform.consoleUrl();
    }

    @Test
    void anInvitedPersonSeesTheirOwnAccountAndNobodyElses() throws Exception {
        Browser admin = signedInAdmin();
        String ana = "ana-" + UUID.randomUUID() + "@example.com";
        String password = "ana-password-" + UUID.randomUUID();
        Browser person = invite(admin, ana, "[\"user\"]", password);

        JsonNode me = person.get("/api/me").expectStatus(200).json();
        assertThat(me.path("accounts").toString()).isEqualTo("[\"" + ana + "\"]");

        // LibreChat names her by the email (the banner's librechat.yaml): her chat is charged to the account she sees.
        HttpResponse<String> chat = chat(ana);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode account = person.get("/api/accounts/" + ana).expectStatus(200).json();
            assertThat(account.path("balanceCredits").asLong()).isLessThan(TestPlatform.STARTING_CREDITS);
        });
        person.get("/api/accounts/" + ana + "/transactions").expectStatus(200);
        person.get("/api/notifications?userId=" + ana).expectStatus(200);

        // Someone else's account, notifications, keys; any admin route: refused.
        String bob = "bob-" + UUID.randomUUID() + "@example.com";
        assertThat(chat(bob).statusCode()).isEqualTo(200);
        assertThat(person.get("/api/accounts/" + bob).status()).isEqualTo(403);
        assertThat(person.get("/api/notifications?userId=" + bob).status()).isEqualTo(403);
        assertThat(person.get("/api/keys?userId=" + bob).status()).isIn(403, 404);
        assertThat(person.postJson("/api/admin/accounts/" + ana + "/grants", "{\"amountCredits\":1000,\"reason\":\"self\"}")
                .status()).isEqualTo(403);
        assertThat(person.get("/api/admin/usage/top-users").status()).isEqualTo(403);
        assertThat(person.get("/api/people").status()).isEqualTo(403);

        // The admin grants through the console: the audit names the admin who signed in, not a header.
        admin.postJson("/api/admin/accounts/" + ana + "/grants", "{\"amountCredits\":5000,\"reason\":\"welcome\"}")
                .expectStatus(201);
        JsonNode audit = admin.get("/api/admin/audit?userId=" + ana).expectStatus(200).json();
        assertThat(audit.path("items").get(0).path("actor").asString()).isEqualTo(TestPlatform.ADMIN_EMAIL);
        SECRETS.add(password);
    }

    @Test
    void aStrangerReachesNothingButHealthAndTheSignInPage() throws Exception {
        Map<String, String> apis = Map.of(
                console + "/api/me", "console",
                console + "/api/accounts/alice", "console relay",
                platform.ledgerUrl() + "/api/accounts/alice", "ledger",
                platform.ledgerUrl() + "/api/admin/audit", "ledger admin",
                platform.alertUrl() + "/api/notifications?userId=alice", "alert",
                platform.gatewayUrl() + "/api/keys?userId=alice", "gateway keys",
                platform.paymentUrl() + "/api/payments/packs", "payment",
                platform.ledgerUrl() + "/actuator/prometheus", "ledger metrics");
        for (Map.Entry<String, String> api : apis.entrySet()) {
            HttpResponse<String> response = get(api.getKey(), null);
            assertThat(response.statusCode()).as(api.getValue() + ": " + response.body()).isEqualTo(401);
            assertThat(response.body()).as(api.getValue()).doesNotContain("<html");
        }
        // The bootstrap admin key is no person: it works on the services, never as a console sign-in.
        assertThat(get(platform.ledgerUrl() + "/api/accounts/alice", TestPlatform.ADMIN_KEY).statusCode()).isIn(200, 404);
        assertThat(get(console + "/api/me", TestPlatform.ADMIN_KEY).statusCode()).isEqualTo(401);
        assertThat(get(console + "/login", null).body()).contains("Email", "Password", "Sign in");
        assertThat(get(console + "/.well-known/openid-configuration", null).body()).contains("\"issuer\":\"" + console + "\"");
    }

    @Test
    void financeReadsReportsAndRunsTheReplayButCannotGrant() throws Exception {
        String email = "fin-" + UUID.randomUUID() + "@example.com";
        String password = "finance-password-" + UUID.randomUUID();
        Browser finance = invite(signedInAdmin(), email, "[\"finance\"]", password);
        assertThat(chat("carla-" + UUID.randomUUID()).statusCode()).isEqualTo(200);

        finance.get("/api/admin/usage/by-model").expectStatus(200);
        finance.get("/api/admin/audit").expectStatus(200);
        finance.postJson("/api/admin/replay?source=event-store", null).expectStatus(200);
        assertThat(finance.postJson("/api/admin/accounts/anyone/grants", "{\"amountCredits\":1,\"reason\":\"no\"}").status())
                .isEqualTo(403);
        assertThat(finance.postJson("/api/people", "{\"email\":\"x@example.com\"}").status()).isEqualTo(403);
        SECRETS.add(password);
    }

    @Test
    void aScriptUsesAnApiTokenUntilItIsRevoked() throws Exception {
        Browser admin = signedInAdmin();
        JsonNode created = admin.postJson("/api/api-tokens", "{\"name\":\"grants script\",\"roles\":[\"admin\"],\"expiresInDays\":1}")
                .expectStatus(201).json();
        String token = created.path("token").asString();
        SECRETS.add(token);
        String user = "scripted-" + UUID.randomUUID();
        HttpResponse<String> grant = post(console + "/api/admin/accounts/" + user + "/grants",
                "{\"amountCredits\":2500,\"reason\":\"monthly top-up\"}", token);
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);

        JsonNode revoked = admin.sendJson("DELETE", "/api/api-tokens/" + created.path("apiToken").path("id").asString(), null)
                .expectStatus(200).json();
        assertThat(revoked.path("revokedAt").isMissingNode()).isFalse();
        assertThat(post(console + "/api/admin/accounts/" + user + "/grants", "{\"amountCredits\":1,\"reason\":\"again\"}", token)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void fiveWrongPasswordsLockAPersonOutUntilAResetLink() throws Exception {
        String email = "lena-" + UUID.randomUUID() + "@example.com";
        String password = "lena-password-" + UUID.randomUUID();
        invite(signedInAdmin(), email, "[\"user\"]", password);
        Browser attacker = new Browser(console);
        for (int attempt = 0; attempt < 5; attempt++) {
            attacker.signIn(email, "wrong-password-" + attempt);
        }
        Browser owner = new Browser(console);
        signIn(owner, email, password);
        assertThat(owner.get("/api/me").status()).as("locked even with the right password").isEqualTo(401);
        assertThat(owner.get("/login?error").body()).contains("locked until");

        Browser reset = new Browser(console);
        reset.submit("/forgot-password", "/forgot-password", Map.of("email", email)).expectStatus(200);
        String newPassword = "lena-new-password-" + UUID.randomUUID();
        reset.setPassword(linkMailedTo(email, "Reset your Creditgate password"), newPassword);
        Browser again = new Browser(console);
        signIn(again, email, newPassword);
        again.get("/api/me").expectStatus(200);
        SECRETS.add(password);
        SECRETS.add(newPassword);
    }

    /** Last: the other journeys of this class have left their secrets in {@link #SECRETS}. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretUsedAppearsInAnyServiceLog() throws Exception {
        assertThat(SECRETS).hasSizeGreaterThan(8);
        List<Path> logs;
        try (Stream<Path> files = Files.list(platform.logsDirectory())) {
            logs = files.filter(file -> file.toString().endsWith(".log")).toList();
        }
        assertThat(logs).hasSize(5);
        for (Path log : logs) {
            String text = Files.readString(log);
            assertThat(text).as(log.getFileName().toString()).isNotEmpty();
            for (String secret : SECRETS) {
                assertThat(text).as(log.getFileName() + " holds a secret").doesNotContain(secret);
            }
        }
    }

    private static void signIn(Browser browser, String email, String password) {
        PlatformPeople.signIn(browser, email, password);
    }

    private static Browser signedInAdmin() {
        return PlatformPeople.signedInAdmin(platform);
    }

    private static Browser invite(Browser admin, String email, String roles, String password) throws Exception {
        return PlatformPeople.invite(platform, admin, email, roles, password, SECRETS::add);
    }

    private static String linkMailedTo(String email, String subject) throws Exception {
        return PlatformPeople.linkMailedTo(platform, email, subject);
    }

    private static HttpResponse<String> chat(String user) throws Exception {
        return PlatformPeople.chat(platform, user);
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
