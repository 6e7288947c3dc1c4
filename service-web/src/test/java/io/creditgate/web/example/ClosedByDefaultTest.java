package io.creditgate.web.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import io.creditgate.web.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Neither an issuer nor a usable admin key: every protected route answers 401, never open. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"creditgate.admin-key=example-admin-key", "creditgate.auth.admin-key-enabled=false"})
class ClosedByDefaultTest {

    @LocalServerPort
    int port;

    @Test
    void refusesTheTurnedOffAdminKeyAndEveryTokenWithoutAnIssuer() {
        assertThat(status("/api/admin/things", "example-admin-key")).isEqualTo(401);
        assertThat(status("/api/admin/things", TestTokens.shared().admin())).isEqualTo(401);
        assertThat(status("/api/admin/things", null)).isEqualTo(401);
        assertThat(ServiceSecurityTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")),
                null).statusCode()).isEqualTo(200);
    }

    int status(String path, String bearer) {
        return ServiceSecurityTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()), bearer).statusCode();
    }
}
