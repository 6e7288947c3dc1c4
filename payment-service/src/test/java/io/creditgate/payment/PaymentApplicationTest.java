package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.creditgate.web.testing.RouteCoverage;
import io.creditgate.web.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "creditgate.admin-key=payment-test-admin-key")
class PaymentApplicationTest {

    static final TestTokens TOKENS = TestTokens.shared();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void reportsItselfUpOnTheHealthEndpoint() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    /** The payment issue starts closed: a route it adds without a rule fails this test and answers 401/403. */
    @Test
    void everyRouteHasARuleAndEverythingElseIsDenied() throws Exception {
        RouteCoverage.assertEveryRouteHasARule(context);
        assertThat(RouteCoverage.walk(context, port, RouteCoverage.identities(TOKENS, "ana", "bob"), "ana")).isEmpty();
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/prometheus", TOKENS.admin()).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", "payment-test-admin-key").statusCode()).isEqualTo(200);
        assertThat(get("/api/payments/checkout", TOKENS.admin()).statusCode()).as("no rule yet").isEqualTo(403);
        assertThat(get("/api/payments/checkout", TOKENS.expiredAdmin()).statusCode()).isEqualTo(401);
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
