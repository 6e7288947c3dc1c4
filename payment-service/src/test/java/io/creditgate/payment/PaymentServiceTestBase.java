package io.creditgate.payment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.creditgate.web.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment service over real HTTP, on a PostgreSQL database of its own and the in-JVM Kafka. Subclasses choose the
 * mode (manual-only or Stripe) through a base of their own; tests isolate themselves with fresh user ids.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PaymentServiceTestBase {

    public static final String ADMIN_KEY = "payment-test-admin-key";
    public static final TestTokens TOKENS = TestTokens.shared();
    public static final Duration WAIT = Duration.ofSeconds(30);
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MeterRegistry meters;

    /** What every test context needs: its database, Kafka, the token issuer and the admin key. */
    public static void infrastructure(DynamicPropertyRegistry registry, String databaseUrl, String kafka) {
        registry.add("spring.datasource.url", () -> databaseUrl);
        registry.add("spring.datasource.username", () -> io.creditgate.platform.embedded.LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> io.creditgate.platform.embedded.LocalPostgres.shared().password());
        registry.add("spring.kafka.bootstrap-servers", () -> kafka);
        registry.add("creditgate.admin-key", () -> ADMIN_KEY);
        registry.add("creditgate.payment.dashboard-url", () -> "http://dashboard.test");
        registry.add("creditgate.payment.outbox.poll-interval", () -> "100ms");
        TestTokens.register(registry);
    }

    public static String newUserId() {
        return "user-" + UUID.randomUUID();
    }

    protected HttpResponse<String> get(String path, String bearer) {
        return send(request(path, bearer).GET().build());
    }

    protected HttpResponse<String> post(String path, String bearer, Object body, String... headers) {
        HttpRequest.Builder request = request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    protected double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    protected HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }

    protected static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }
}
