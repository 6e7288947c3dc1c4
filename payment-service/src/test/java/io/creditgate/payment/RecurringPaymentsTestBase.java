package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Auto top-up and subscriptions against the demo Stripe over real HTTP (its webhooks signed as Stripe signs them and
 * delivered to this service's webhook), on a database of this class's own and the in-JVM Kafka. The top-up consumer
 * reads the account events from the beginning in a group of its own, so no other test context takes its partitions.
 */
public abstract class RecurringPaymentsTestBase extends PaymentServiceTestBase {

    protected static final String WEBHOOK_SECRET = "whsec_recurring_" + UUID.randomUUID().toString().replace("-", "");
    protected static final DemoStripe STRIPE = DemoStripe.start();
    protected static final PaymentEventsProbe PROBE = PaymentEventsProbe.of(LocalKafka.shared().bootstrapServers());

    /** Computed once: a property supplier is asked again at every resolution. */
    private static final String TOP_UP_GROUP = "payment-top-up-test-" + UUID.randomUUID();
    private static String webhookOf;

    @DynamicPropertySource
    static void stripeMode(DynamicPropertyRegistry registry) {
        infrastructure(registry, LocalPostgres.shared().createDatabase(), LocalKafka.shared().bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> DemoStripe.DEFAULT_SECRET_KEY);
        registry.add("creditgate.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("creditgate.stripe.api-base", STRIPE::baseUrl);
        registry.add("creditgate.payment.top-up.group-id", () -> TOP_UP_GROUP);
        registry.add("creditgate.payment.top-up.offset-reset", () -> "earliest");
        // A declined card may be tried again at the next low balance: the three-failures test needs no clock.
        registry.add("creditgate.payment.top-up.retry-after-failure", () -> "PT0S");
        // The recovery runs when a test calls it, and then takes every pending top-up, however young.
        registry.add("creditgate.payment.top-up.recovery-interval-ms", () -> "3600000");
        registry.add("creditgate.payment.top-up.pending-recovery-after", () -> "PT0S");
    }

    /** Points the demo's webhooks at this context's port, once per port. */
    @BeforeEach
    void webhookToThisService() {
        String url = "http://127.0.0.1:" + port + "/api/payments/stripe/webhook";
        synchronized (RecurringPaymentsTestBase.class) {
            if (!url.equals(webhookOf)) {
                STRIPE.addWebhookEndpoint(url, WEBHOOK_SECRET);
                webhookOf = url;
            }
        }
    }

    /** The Checkout Session id of a demo hosted-page URL ({@code …/c/pay/<id>}). */
    protected static String sessionIdOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** Objects of the demo's events of {@code type} whose metadata names {@code userId}, by object id. */
    protected static List<JsonNode> stripeObjects(String type, String metadataKey, String value) {
        return STRIPE.events(type).stream().map(event -> JSON.readTree(event.json()).path("data").path("object"))
                .filter(object -> value.equals(object.path("metadata").path(metadataKey).asString(null)))
                .toList();
    }

    protected static <T extends SpecificRecord> List<T> paymentEvents(String userId, Class<T> type) {
        return PROBE.paymentEvents(userId, type);
    }

    protected static List<io.creditgate.schemas.event.PaymentNoticeRaised> notices(String userId) {
        return PROBE.notices(userId).stream().map(io.creditgate.schemas.event.PaymentNoticeRaised.class::cast).toList();
    }

    protected static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }

    protected static void awaitTrue(java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(WAIT).pollInterval(java.time.Duration.ofMillis(100)).until(condition);
    }

    /**
     * Sends the object of the demo's event {@code eventId} again as a new event (a new id, signed with the endpoint's
     * secret), as a replay from Stripe's dashboard or a second event about the same object would arrive: the webhook's
     * event-id dedupe does not catch it, only the feature's own idempotency by object does.
     */
    protected HttpResponse<String> sendAsNewEvent(String eventId) {
        JsonNode stored = JSON.readTree(STRIPE.events().stream().filter(event -> event.id().equals(eventId))
                .findFirst().orElseThrow().json());
        String payload = StripeSigning.event("evt_replay_" + UUID.randomUUID().toString().replace("-", ""),
                stored.path("type").asString(), stored.path("data").path("object").toString());
        return post("/api/payments/stripe/webhook", null, payload, "Stripe-Signature",
                StripeSigning.header(payload, WEBHOOK_SECRET));
    }

    /** An object from the demo Stripe's API, as the service would read it. */
    protected static JsonNode stripeGet(String path) {
        HttpResponse<String> response = send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(STRIPE.baseUrl() + path))
                .header("Authorization", "Bearer " + DemoStripe.DEFAULT_SECRET_KEY).GET().build());
        assertOk(response);
        return JSON.readTree(response.body());
    }

    /**
     * Events of {@code eventType} the service appended to its outbox for {@code userId}: written in the transaction
     * a webhook's 2xx waits for, so a duplicate would be here before the answer (the topic gets it later).
     */
    protected long outboxed(String userId, String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE record_key = ? AND event_type = ?", Long.class,
                userId, eventType);
    }

    protected HttpResponse<String> put(String path, String bearer, Object body) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    protected HttpResponse<String> delete(String path, String bearer) {
        return send(request(path, bearer).DELETE().build());
    }
}
