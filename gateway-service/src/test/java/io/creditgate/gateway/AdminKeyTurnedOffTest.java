package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.creditgate.platform.embedded.DemoUpstream;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.LocalRedis;

/**
 * {@code creditgate.auth.admin-key-enabled=false}: once people sign in through the console, the bootstrap admin key
 * is refused everywhere it used to work, and console tokens keep working. A gateway of its own.
 */
class AdminKeyTurnedOffTest extends OutageTestSupport {

    static final String ADMIN_KEY = "turned-off-admin-key";
    static final DemoUpstream DEMO = DemoUpstream.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        gatewayProperties(registry, DEMO.baseUrl(), LocalRedis.shared().url(), LocalKafka.shared().bootstrapServers(),
                temporaryDirectory("admin-key-off-spool"));
        String database = LocalPostgres.shared().createDatabase();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> LocalPostgres.shared().password());
        registry.add("creditgate.admin-key", () -> ADMIN_KEY);
        registry.add("creditgate.auth.admin-key-enabled", () -> "false");
        registry.add("creditgate.auth.issuer", Console::issuer);
        registry.add("creditgate.auth.jwk-set-uri", Console::jwkSetUri);
    }

    @Test
    void theAdminKeyIsRefusedAndConsoleTokensStillWork() {
        String user = newUser();

        HttpResponse<String> withKey = call("GET", "/api/keys?userId=" + user, ADMIN_KEY, null);
        HttpResponse<String> metrics = call("GET", "/actuator/prometheus", ADMIN_KEY, null);
        HttpResponse<String> withToken = call("POST", "/api/keys", Console.admin(), "{\"userId\":\"" + user + "\"}");

        assertThat(withKey.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(withKey.body()).at("/error/code").asString()).isEqualTo("token_invalid");
        assertThat(withKey.body()).doesNotContain(ADMIN_KEY);
        assertThat(metrics.statusCode()).isEqualTo(401);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
    }

    private HttpResponse<String> call(String method, String path, String bearer, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").timeout(CALL_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build());
    }
}
