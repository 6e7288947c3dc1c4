package io.creditgate.web.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.creditgate.web.testing.RouteCoverage;
import io.creditgate.web.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"creditgate.admin-key=example-admin-key", "management.endpoints.web.exposure.include=health,info"})
class ServiceSecurityTest {

    static final TestTokens TOKENS = TestTokens.shared();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void anonymousCallsAreRefusedWithJson401ExceptHealthAndPublicRoutes() {
        HttpResponse<String> anonymous = get("/api/things/ana", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"").doesNotContain("Exception");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/api/public", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/info", TOKENS.user("ana")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/info", TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    /** Spring Security's firewall refuses an encoded line break before any filter; the answer keeps the services' shape. */
    @Test
    void aUrlWithAnEncodedLineBreakIsRefusedWithJson400() {
        for (String path : new String[] {"/api/things/ana%0d%0aforged", "/api/things/ana%0aforged", "/api/things/ana%0dforged"}) {
            HttpResponse<String> refused = get(path, TOKENS.admin());
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(refused.body()).as(path).contains("\"code\":\"url_rejected\"").doesNotContain("forged");
        }
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWith413BeforeAuthentication() {
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/admin/things"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1024 * 1024 + 1])), null);
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("\"code\":\"body_too_large\"");
    }

    @Test
    void aUserReachesOnlyTheAccountsOfItsToken() {
        String ana = TOKENS.user("ana", "ana-team");
        HttpResponse<String> own = get("/api/things/ana-team", ana);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"actor\":\"ana@example.com\"");
        HttpResponse<String> other = get("/api/things/bob", ana);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("\"code\":\"forbidden\"");
        assertThat(get("/api/things?userId=ana", ana).statusCode()).isEqualTo(200);
        assertThat(get("/api/things?userId=bob", ana).statusCode()).isEqualTo(403);
        assertThat(get("/api/things", ana).statusCode()).as("no account named").isEqualTo(403);
        // Spring would bind "ana,bob": the check refuses a parameter given twice instead of checking one of them.
        assertThat(get("/api/things?userId=ana&userId=bob", ana).statusCode()).isEqualTo(403);
    }

    @Test
    void rolesOpenTheirRoutesAndNothingElse() {
        assertThat(get("/api/things/bob", TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(get("/api/things/bob", TOKENS.finance()).statusCode()).isEqualTo(200);
        assertThat(get("/api/things?userId=bob", TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(post("/api/admin/things", TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(post("/api/admin/things", TOKENS.user("ana")).statusCode()).isEqualTo(403);
        HttpResponse<String> admin = post("/api/admin/things", TOKENS.admin("root@example.com"));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"actor\":\"root@example.com\"");
        assertThat(get("/api/me", TOKENS.user()).body()).contains("\"roles\":[\"USER\"]");
    }

    @Test
    void badTokensAreRefusedWith401AndNoCredentialReachesTheLog(CapturedOutput log) {
        List<String> bad = List.of(TOKENS.expiredAdmin(), TOKENS.otherIssuerAdmin(), TOKENS.otherAudienceAdmin(),
                TOKENS.foreignKeyAdmin(), "not-a-jwt", "example-admin-key-not");
        for (String token : bad) {
            HttpResponse<String> response = get("/api/things/bob", token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(response.body()).contains("\"code\":\"unauthorized\"").doesNotContain(token);
        }
        String good = TOKENS.admin();
        assertThat(get("/api/things/bob", good).statusCode()).isEqualTo(200);
        assertThat(post("/api/admin/things", "example-admin-key").statusCode()).isEqualTo(200);
        for (String secret : bad) {
            assertThat(log.getAll()).doesNotContain(secret);
        }
        assertThat(log.getAll()).doesNotContain(good).doesNotContain("example-admin-key");
    }

    @Test
    void theBootstrapAdminKeyIsAnAdminNamedByItsKindNotItsHolder() {
        HttpResponse<String> response = post("/api/admin/things", "example-admin-key");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"actor\":\"bootstrap-admin-key\"");
    }

    @Test
    void aRouteWithoutARuleIsDeniedToEveryoneAndFailsTheRouteWalk() {
        assertThat(get("/api/forgotten", TOKENS.admin()).statusCode()).isEqualTo(403);
        assertThat(get("/api/forgotten", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/nothing-here", TOKENS.admin()).statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> RouteCoverage.assertEveryRouteHasARule(context))
                .hasMessageContaining("GET /api/forgotten").hasMessageContaining("GET /api/fails")
                .message().doesNotContain("/api/things").doesNotContain("/actuator/health");
    }

    @Test
    void theRouteWalkFindsTheRulesEnforcedForEveryIdentity() {
        List<RouteCoverage.Identity> identities = RouteCoverage.identities(TOKENS, "ana", "bob");
        assertThat(RouteCoverage.routesOf(context)).extracting(Object::toString)
                .contains("GET /api/things/{userId}", "POST /api/admin/things", "GET /actuator/health", "GET /error");
        assertThat(RouteCoverage.walk(context, port, identities, "ana")).isEmpty();
    }

    @Test
    void answersCarryTheSecurityHeaders() {
        HttpResponse<String> response = get("/api/things/ana", TOKENS.user("ana"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-cache"));
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), bearer);
    }

    HttpResponse<String> post(String path, String bearer) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), bearer);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static HttpResponse<String> send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
