package io.creditgate.ledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.GrantCategory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** CreditsPurchased / CreditsRefunded on real Kafka → PAID grants taken back at most to their unspent part. */
class PaymentFoldingTest extends LedgerServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aPurchaseBecomesAPaidGrantAnnouncedOnTheAccountTopic() {
        String user = newUserId();
        CreditsPurchased purchase = purchase(user, "cs_" + user, 5_000_000);
        publishPayments(purchase);

        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        JsonNode account = get("/api/accounts/" + user).json();
        assertThat(account.get("cycleCredits").asLong()).isEqualTo(STARTING_CREDITS + 5_000_000);
        JsonNode grants = account.get("grants");
        assertThat(grants.size()).isEqualTo(2);
        // Promotional credits burn first, so the purchase comes last.
        assertThat(grants.get(0).get("grantId").asString()).isEqualTo("opening");
        assertThat(grants.get(1).get("grantId").asString()).isEqualTo("purchase:cs_" + user);
        assertThat(grants.get(1).get("category").asString()).isEqualTo("PAID");
        assertThat(get("/api/accounts/" + user + "/transactions").json().get("items").get(0).get("type").asString())
                .isEqualTo("PURCHASE");

        List<SpecificRecord> events = accountEventsOf(user, 4);
        assertThat(events).filteredOn(CreditsGranted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CreditsGranted.class, granted -> {
                    assertThat(granted.getCategory()).isEqualTo(GrantCategory.PAID);
                    assertThat(granted.getEventId()).isEqualTo("purchase:cs_" + user);
                });
        assertThat(events.get(3)).isInstanceOfSatisfying(AccountBalanceChanged.class, changed -> {
            assertThat(changed.getChangeType()).isEqualTo("PURCHASE");
            assertThat(changed.getCauseEventId()).isEqualTo(purchase.getEventId());
        });
    }

    @Test
    void aPurchaseDeliveredTwiceOrAnnouncedByTwoEventsIsGrantedOnce() {
        String user = newUserId();
        CreditsPurchased purchase = purchase(user, "cs_1", 700);
        double duplicatesBefore = counter("ledger.payments.duplicates");

        publishPayments(purchase, purchase, purchase(user, "cs_1", 700));

        await().atMost(WAIT).until(() -> counter("ledger.payments.duplicates") >= duplicatesBefore + 2);
        assertThat(balanceOf(user)).isEqualTo(STARTING_CREDITS + 700);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_grant WHERE user_id = ?", Long.class, user)).isEqualTo(2);
    }

    @Test
    void aRefundTakesBackTheUnspentPartAndADoubleRefundIsANoOp() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 5_000_000));
        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        // Spend all of the starting credits and 1,000,000 of the purchase.
        publishUsage(usage(user, UUID.randomUUID().toString(), STARTING_CREDITS + 1_000_000));
        awaitBalance(user, 4_000_000);
        double duplicatesBefore = counter("ledger.payments.duplicates");

        publishPayments(refund(user, "cs_1", "re_1", 5_000_000), refund(user, "cs_1", "re_1", 5_000_000));

        await().atMost(WAIT).until(() -> counter("ledger.payments.duplicates") >= duplicatesBefore + 1);
        awaitBalance(user, 0);
        JsonNode refund = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(refund.get("type").asString()).isEqualTo("REFUND");
        assertThat(refund.get("amountCredits").asLong()).isEqualTo(-4_000_000);
        assertThat(refund.get("reason").asString()).contains("1000000 already spent");
        assertThat(jdbc.queryForMap("SELECT status, remaining_credits FROM account_grant WHERE user_id = ? AND grant_id = ?",
                user, "purchase:cs_1")).isEqualTo(Map.of("status", "REFUNDED", "remaining_credits", 0L));
        assertThat(get("/api/accounts/" + user).json().get("status").asString()).isEqualTo("EXHAUSTED");
    }

    @Test
    void aRefundOfAnUnknownPurchaseIsCountedAndDeadLetteredWithoutBlockingThePartition() {
        String user = newUserId();
        double rejectedBefore = counter("ledger.payments.rejected");
        publishPayments(purchase(user, "cs_1", 100));
        awaitBalance(user, STARTING_CREDITS + 100);

        publishPayments(refund(user, "cs_unknown", "re_1", 100), purchase(user, "cs_2", 50));

        awaitBalance(user, STARTING_CREDITS + 150);
        assertThat(counter("ledger.payments.rejected")).isGreaterThanOrEqualTo(rejectedBefore + 1);
    }

    @Test
    void anUnreadableRecordOnThePaymentTopicIsDeadLettered() {
        String user = newUserId();
        double unreadableBefore = counter("ledger.payments.unreadable");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, io.creditgate.platform.embedded.LocalKafka.shared().bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PAYMENT_EVENTS.name(), user, "nope".getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        publishPayments(purchase(user, "cs_1", 10));

        awaitBalance(user, STARTING_CREDITS + 10);
        assertThat(counter("ledger.payments.unreadable")).isGreaterThanOrEqualTo(unreadableBefore + 1);
    }

    @Test
    void aConsumerStoppedMidBatchAndRestartedFoldsEveryPaymentExactlyOnce() {
        String user = newUserId();
        MessageListenerContainer consumer = listeners.getListenerContainer(PaymentEventsListener.LISTENER_ID);
        CreditsPurchased[] purchases = new CreditsPurchased[60];
        for (int i = 0; i < purchases.length; i++) {
            purchases[i] = purchase(user, "cs_" + i, 1_000 + i);
        }
        publishPayments(purchases);
        // Stop while the batch is being folded: uncommitted offsets are redelivered after the restart.
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM account_grant WHERE user_id = ?", Long.class, user) > 5);
        consumer.stop();
        publishPayments(purchases[0], purchases[30]);
        consumer.start();

        long expected = STARTING_CREDITS;
        for (CreditsPurchased purchase : purchases) {
            expected += purchase.getAmountCredits();
        }
        awaitBalance(user, expected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_grant WHERE user_id = ?", Long.class, user))
                .isEqualTo(61);
    }
}
