package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.creditgate.web.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With {@code creditgate.auth.admin-key-enabled=false} the bootstrap key is refused; tokens still work. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"creditgate.admin-key=payment-test-admin-key", "creditgate.auth.admin-key-enabled=false"})
class PaymentAdminKeyOffTest {

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        TestTokens.register(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void refusesTheTurnedOffAdminKeyButNotAnAdminsToken() throws Exception {
        assertThat(status("payment-test-admin-key")).isEqualTo(401);
        assertThat(status(TestTokens.shared().admin())).isEqualTo(200);
    }

    int status(String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).header("Authorization", "Bearer " + bearer).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
