package io.creditgate.payment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import io.creditgate.payment.PaymentEventsProbe;
import io.creditgate.payment.PaymentServiceTestBase;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.CreditsPurchased;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Kafka down: appends still commit, the rows wait (the pending gauge and the failure counter show it), and once the
 * broker is back every row is published exactly once, in order. A broker of its own, so stopping it disturbs no
 * other test class.
 */
class OutboxKafkaOutageTest extends PaymentServiceTestBase {

    static final LocalKafka KAFKA = LocalKafka.start();
    static final String DATABASE_URL = LocalPostgres.shared().createDatabase();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infrastructure(registry, DATABASE_URL, KAFKA.bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> "");
        // Give up on a dead broker quickly, so the test does not wait out the production timeouts.
        registry.add("spring.kafka.producer.properties.max.block.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.request.timeout.ms", () -> "1000");
        registry.add("spring.kafka.producer.properties.delivery.timeout.ms", () -> "2000");
        registry.add("creditgate.payment.outbox.min-backoff", () -> "200ms");
        registry.add("creditgate.payment.outbox.max-backoff", () -> "1s");
    }

    @AfterAll
    static void stopBroker() {
        KAFKA.close();
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void rowsWaitWhileKafkaIsDownAndArePublishedOnceWhenItReturns() {
        String user = newUserId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        PaymentEventsProbe events = PaymentEventsProbe.of(KAFKA.bootstrapServers());
        transaction.executeWithoutResult(s -> outbox.append(Topics.PAYMENT_EVENTS, user, OutboxTest.purchase(user, "before", 1)));
        await().atMost(WAIT).until(() -> events.paymentEvents(user).size() == 1);

        KAFKA.stop();
        try {
            for (int i = 1; i <= 5; i++) {
                String purchaseId = "during-" + i;
                transaction.executeWithoutResult(s -> outbox.append(Topics.PAYMENT_EVENTS, user,
                        OutboxTest.purchase(user, purchaseId, 10)));
            }
            await().atMost(WAIT).until(() -> counter("creditgate.payments.outbox.publish.failures") > 0);
            assertThat(relay.pending()).isEqualTo(5);
            assertThat(meters.find("creditgate.payments.outbox.pending").gauge().value()).isEqualTo(5.0);
        } finally {
            KAFKA.restart();
        }

        await().atMost(WAIT).until(() -> relay.pending() == 0);
        await().atMost(WAIT).until(() -> events.paymentEvents(user).size() >= 6);
        List<String> purchaseIds = events.paymentEvents(user, CreditsPurchased.class).stream()
                .map(CreditsPurchased::getPurchaseId).toList();
        assertThat(purchaseIds).containsExactly("before", "during-1", "during-2", "during-3", "during-4", "during-5");
    }
}
