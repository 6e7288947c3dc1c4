package io.creditgate.gateway;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.creditgate.gateway.admission.UserKeys;
import io.creditgate.schemas.event.UsageRecorded;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway of its own for tests that stop and restart Redis or Kafka, or that need limits the shared
 * {@link GatewayTestBase} context must not have: each such class brings its own servers and properties, and
 * its context is closed after the class (its sweeper, probes and spool go with it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class OutageTestSupport {

    static final String SERVICE_KEY = "outage-test-service-key";
    /** Health's components and details are for admins; the outage tests read them with this key. */
    static final String ADMIN_KEY = "outage-admin-key";
    static final long STARTING_CREDITS = 1_000_000;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    /**
     * Marks Redis as holding every account, as the ledger does once it has written them (ledger
     * {@code ProjectionGuard}); without it the gateway takes a missing account for a lost one, not a new user's.
     */
    @BeforeEach
    void ledgerProjectedRedis() {
        // Redis may have just been restarted by the test before: wait for the connection to come back.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                redis.opsForValue().set(UserKeys.PROJECTION_MARKER, UserKeys.PROJECTION_COMPLETE));
    }

    @Autowired
    MeterRegistry meters;

    /** The properties every such gateway needs; the caller adds its own. */
    static void gatewayProperties(DynamicPropertyRegistry registry, String upstreamUrl, String redisUrl,
                                  String kafkaBootstrapServers, String spoolDirectory) {
        registry.add("spring.data.redis.url", () -> redisUrl);
        registry.add("spring.kafka.bootstrap-servers", () -> kafkaBootstrapServers);
        registry.add("creditgate.upstream.url", () -> upstreamUrl);
        registry.add("creditgate.identity.service-key", () -> SERVICE_KEY);
        registry.add("creditgate.admin-key", () -> ADMIN_KEY);
        registry.add("creditgate.starting-credits", () -> STARTING_CREDITS);
        registry.add("creditgate.spool.directory", () -> spoolDirectory);
        // Outages must show in health within the test's patience.
        registry.add("creditgate.health.probe-interval", () -> "200ms");
        registry.add("creditgate.health.probe-timeout", () -> "500ms");
    }

    /** A new directory under the system's temp directory, deleted when the JVM exits. */
    static String temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory)));
            return directory.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static String chatBody(String userText) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + userText + "\"}]}";
    }

    static String streamBody(String userText) {
        return "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                + userText + "\"}]}";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    HttpRequest chatRequest(String user, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + SERVICE_KEY)
                .header("X-User-Id", user)
                .header("Content-Type", "application/json")
                .timeout(CALL_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    HttpResponse<String> post(String user, String body) {
        return send(chatRequest(user, body));
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(CALL_TIMEOUT).GET().build());
    }

    /** As an admin: health then shows its components and details. */
    HttpResponse<String> getAsAdmin(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + ADMIN_KEY).GET().build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for exactly {@code count} events of the user, then a moment longer to catch any extra one. */
    static List<UsageRecorded> awaitEvents(UsageEventsProbe events, String user, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> events.of(user).size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> events.of(user).size() == count);
        return events.of(user);
    }

    /** The sum of a counter (all tag combinations matching), or 0 when it was never incremented. */
    double counter(String name, String... tags) {
        return Search.in(meters).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double gauge(String name) {
        var gauge = meters.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
