package io.creditgate.payment;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stripe.StripeClient;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import io.creditgate.schemas.event.CreditsPurchased;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with Stripe on, pointed at the demo Stripe (a real HTTP server speaking Stripe's API and signing
 * webhooks as Stripe does), which delivers its events to this service's webhook. PIX settles only on command.
 */
public abstract class StripeModeTestBase extends PaymentServiceTestBase {

    public static final String WEBHOOK_SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    public static final String WEBHOOK = "/api/payments/stripe/webhook";
    public static final DemoStripe DEMO = DemoStripe.start(DemoStripe.Options.defaults().withAsyncPaymentDelay(null)
            .withRetries(java.time.Duration.ofMillis(500), 5));
    public static final PaymentEventsProbe EVENTS = PaymentEventsProbe.of(LocalKafka.shared().bootstrapServers());
    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    private static volatile boolean endpointAdded;

    /** stripe-java on the demo, as someone else using the same Stripe account would call it. */
    public static final StripeClient STRIPE = StripeClient.builder().setApiKey(DemoStripe.DEFAULT_SECRET_KEY)
            .setApiBase(DEMO.baseUrl()).build();

    @DynamicPropertySource
    static void stripeMode(DynamicPropertyRegistry registry) {
        infrastructure(registry, DATABASE_URL, LocalKafka.shared().bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> DemoStripe.DEFAULT_SECRET_KEY);
        registry.add("creditgate.stripe.webhook-secret", () -> WEBHOOK_SECRET);
        registry.add("creditgate.stripe.api-base", DEMO::baseUrl);
    }

    @BeforeEach
    void deliverEventsHere() {
        synchronized (StripeModeTestBase.class) {
            if (!endpointAdded) {
                DEMO.addWebhookEndpoint("http://127.0.0.1:" + port + WEBHOOK, WEBHOOK_SECRET);
                endpointAdded = true;
            }
        }
    }

    /** Starts a checkout as {@code user} (owning only that account) and answers the session id. */
    protected String checkout(String user, String packId) {
        HttpResponse<String> started = post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", packId));
        if (started.statusCode() != 200) {
            throw new AssertionError("checkout answered " + started.statusCode() + ": " + started.body());
        }
        return json(started).get("sessionId").asString();
    }

    /** A paid checkout of {@code packId}, waited for until its purchase is on Kafka. */
    protected CreditsPurchased paidCheckout(String user, String packId) {
        String session = checkout(user, packId);
        if (DEMO.payCheckout(session, "4242 4242 4242 4242") != DemoStripe.CheckoutOutcome.PAID) {
            throw new AssertionError("the demo did not take the test card");
        }
        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, CreditsPurchased.class).stream()
                .anyMatch(p -> p.getPurchaseId().equals(session)));
        return EVENTS.paymentEvents(user, CreditsPurchased.class).stream()
                .filter(p -> p.getPurchaseId().equals(session)).findFirst().orElseThrow();
    }

    /** The demo's events of a type about one object, oldest first. */
    protected static List<DemoStripe.StoredEvent> eventsAbout(String type, String objectId) {
        return DEMO.events(type).stream().filter(e -> e.json().contains("\"id\":\"" + objectId + "\"")
                || e.json().contains("\"id\" : \"" + objectId + "\"")).toList();
    }

    /** Posts an event's JSON to the webhook, signed as Stripe signs it. */
    protected HttpResponse<String> deliver(String payload) {
        return send(request(WEBHOOK, null).header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeSigning.header(payload, WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(payload)).build());
    }

    protected long purchasesOf(String user) {
        return jdbc.queryForObject("select count(*) from purchase where user_id = ?", Long.class, user);
    }
}
