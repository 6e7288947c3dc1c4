package io.creditgate.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.payment.PaymentEventsProbe;
import io.creditgate.payment.PaymentServiceTestBase;
import io.creditgate.payment.outbox.OutboxRelay;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import io.creditgate.schemas.event.CreditsPurchased;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka stopped while a checkout is paid: the webhook still answers 2xx (the purchase is durable in PostgreSQL), the
 * CreditsPurchased waits in the outbox, and once the broker is back it is published exactly once. A broker, a demo
 * Stripe and a database of its own.
 */
class CheckoutKafkaOutageTest extends PaymentServiceTestBase {

    static final LocalKafka KAFKA = LocalKafka.start();
    static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    static final String SECRET = "whsec_" + UUID.randomUUID().toString().replace("-", "");
    static final DemoStripe DEMO = DemoStripe.start(DemoStripe.Options.defaults().withAsyncPaymentDelay(null));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infrastructure(registry, DATABASE_URL, KAFKA.bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> DemoStripe.DEFAULT_SECRET_KEY);
        registry.add("creditgate.stripe.webhook-secret", () -> SECRET);
        registry.add("creditgate.stripe.api-base", DEMO::baseUrl);
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "2000");
        registry.add("creditgate.payment.outbox.min-backoff", () -> "200ms");
        registry.add("creditgate.payment.outbox.max-backoff", () -> "1s");
    }

    @AfterAll
    static void stop() {
        DEMO.close();
        KAFKA.close();
    }

    @Autowired
    OutboxRelay relay;

    @Test
    void aCheckoutPaidWhileKafkaIsDownIsCreditedOnceWhenItReturns() {
        DEMO.addWebhookEndpoint("http://127.0.0.1:" + port + "/api/payments/stripe/webhook", SECRET);
        PaymentEventsProbe events = PaymentEventsProbe.of(KAFKA.bootstrapServers());
        String user = newUserId();
        String session = json(post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", "starter")))
                .get("sessionId").asString();

        KAFKA.stop();
        try {
            assertThat(DEMO.payCheckout(session, "4242424242424242")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);
            await().atMost(WAIT).until(() -> DEMO.deliveries().stream().anyMatch(d ->
                    d.eventType().equals("checkout.session.completed") && d.httpStatus() == 200));
            assertThat(jdbc.queryForObject("select count(*) from purchase where purchase_id = ?", Long.class, session))
                    .isEqualTo(1);
            await().atMost(WAIT).until(() -> counter("creditgate.payments.outbox.publish.failures") > 0);
            assertThat(relay.pending()).isPositive();
        } finally {
            KAFKA.restart();
        }

        await().atMost(WAIT).until(() -> relay.pending() == 0);
        await().atMost(WAIT).until(() -> !events.paymentEvents(user, CreditsPurchased.class).isEmpty());
        // Stripe's retries of anything it did not get a 2xx for, and the relay's retries, have had their chance.
        DEMO.events("checkout.session.completed").forEach(e -> DEMO.redeliver(e.id()));
        await().atMost(WAIT).until(() -> DEMO.deliveries().stream().filter(d ->
                d.eventType().equals("checkout.session.completed") && d.httpStatus() == 200).count() >= 2);
        List<CreditsPurchased> purchases = events.paymentEvents(user, CreditsPurchased.class);
        assertThat(purchases).hasSize(1);
        assertThat(purchases.get(0).getPurchaseId()).isEqualTo(session);
        assertThat(DEMO.deliveries()).allMatch(d -> d.httpStatus() == 200 || !d.eventType().startsWith("checkout."));
    }
}
