package io.creditgate.ledger.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.DisputeOutcome;
import io.creditgate.schemas.event.PurchaseDisputeClosed;
import io.creditgate.schemas.event.PurchaseDisputed;
import io.creditgate.schemas.event.SubscriptionEnded;
import io.creditgate.schemas.event.SubscriptionRenewed;
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

/**
 * The payment topic on real Kafka: purchases become PAID grants; refunds take the purchase's credits back, spent or not
 * (below zero when nothing covers them); disputes hold, release or take them; subscriptions renew and end plans.
 */
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
    void aRefundAfterSpendTakesTheSpentPartBelowZeroAndADoubleRefundIsANoOp() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 5_000_000));
        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        // Spend all of the starting credits and 1,000,000 of the purchase.
        publishUsage(usage(user, UUID.randomUUID().toString(), STARTING_CREDITS + 1_000_000));
        awaitBalance(user, 4_000_000);
        double duplicatesBefore = counter("ledger.payments.duplicates");

        publishPayments(refund(user, "cs_1", "re_1", 5_000_000), refund(user, "cs_1", "re_1", 5_000_000));

        await().atMost(WAIT).until(() -> counter("ledger.payments.duplicates") >= duplicatesBefore + 1);
        awaitBalance(user, -1_000_000);
        JsonNode refund = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(refund.get("type").asString()).isEqualTo("REFUND");
        assertThat(refund.get("amountCredits").asLong()).isEqualTo(-5_000_000);
        assertThat(refund.get("reason").asString())
                .contains("4000000 from the purchase, 0 from other grants, 1000000 uncovered");
        assertThat(jdbc.queryForMap("SELECT status, remaining_credits FROM account_grant WHERE user_id = ? AND grant_id = ?",
                user, "purchase:cs_1")).isEqualTo(Map.of("status", "REFUNDED", "remaining_credits", 0L));
        assertThat(get("/api/accounts/" + user).json().get("status").asString()).isEqualTo("EXHAUSTED");
    }

    @Test
    void aRefundLeavingTheBalanceNegativeShowsInRedisAndTheNextPurchaseRepaysIt() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 5_000_000));
        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        publishUsage(usage(user, UUID.randomUUID().toString(), STARTING_CREDITS + 5_000_000));
        awaitBalance(user, 0);

        publishPayments(refund(user, "cs_1", "re_1", 5_000_000));

        awaitBalance(user, -5_000_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", "-5000000").containsEntry("status", "EXHAUSTED"));
        List<SpecificRecord> events = accountEventsOf(user, 6);
        assertThat(events.get(5)).isInstanceOfSatisfying(AccountBalanceChanged.class, changed -> {
            assertThat(changed.getChangeType()).isEqualTo("REFUND");
            assertThat(changed.getBalanceCredits()).isEqualTo(-5_000_000);
            assertThat(changed.getStatus().name()).isEqualTo("EXHAUSTED");
        });

        publishPayments(purchase(user, "cs_2", 8_000_000));

        awaitBalance(user, 3_000_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", "3000000").containsEntry("status", "ACTIVE"));
        assertThat(jdbc.queryForObject("SELECT remaining_credits FROM account_grant WHERE user_id = ? AND grant_id = ?",
                Long.class, user, "purchase:cs_2")).isEqualTo(3_000_000);
    }

    @Test
    void aLostDisputeTakesTheHeldCreditsAndTheRestBelowZero() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 5_000_000));
        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        publishUsage(usage(user, UUID.randomUUID().toString(), STARTING_CREDITS + 4_000_000));
        awaitBalance(user, 1_000_000);

        PurchaseDisputed dispute = dispute(user, "cs_1", "dp_1", 5_000_000);
        publishPayments(dispute, dispute);

        // The 1,000,000 left of the purchase are held: out of the spendable balance, the gateway's too.
        awaitBalance(user, 0);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("balance", "0"));
        assertThat(jdbc.queryForObject("SELECT status FROM account_grant WHERE user_id = ? AND grant_id = ?", String.class,
                user, "purchase:cs_1")).isEqualTo("HELD");
        double closedBefore = closuresFolded();
        double duplicatesBefore = counter("ledger.payments.duplicates");

        publishPayments(closed(user, "cs_1", "dp_1", DisputeOutcome.LOST), closed(user, "cs_1", "dp_1", DisputeOutcome.WON));

        awaitBalance(user, -4_000_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", "-4000000").containsEntry("status", "EXHAUSTED"));
        JsonNode lines = get("/api/accounts/" + user + "/transactions").json().get("items");
        assertThat(lines.get(0).get("type").asString()).isEqualTo("DISPUTE_LOST");
        assertThat(lines.get(0).get("amountCredits").asLong()).isEqualTo(-4_000_000);
        assertThat(lines.get(1).get("type").asString()).isEqualTo("DISPUTE_HOLD");
        assertThat(lines.get(1).get("amountCredits").asLong()).isEqualTo(-1_000_000);
        assertThat(jdbc.queryForObject("SELECT status FROM account_grant WHERE user_id = ? AND grant_id = ?", String.class,
                user, "purchase:cs_1")).isEqualTo("CHARGED_BACK");
        // The WON closing the same dispute again is a duplicate: the balance stays where LOST left it.
        await().atMost(WAIT).until(() -> counter("ledger.payments.duplicates") >= duplicatesBefore + 1);
        assertThat(closuresFolded()).isEqualTo(closedBefore + 1);
        assertThat(balanceOf(user)).isEqualTo(-4_000_000);
    }

    @Test
    void aWonDisputeReleasesTheHeldCredits() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 5_000_000));
        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        publishPayments(dispute(user, "cs_1", "dp_1", 2_000_000));
        awaitBalance(user, STARTING_CREDITS + 3_000_000);

        publishPayments(closed(user, "cs_1", "dp_1", DisputeOutcome.WON));

        awaitBalance(user, STARTING_CREDITS + 5_000_000);
        assertThat(jdbc.queryForMap("SELECT status, remaining_credits FROM account_grant WHERE user_id = ? AND grant_id = ?",
                user, "purchase:cs_1")).isEqualTo(Map.of("status", "OPEN", "remaining_credits", 5_000_000L));
    }

    @Test
    void aDisputeClosedBeforeItOpenedIsDeadLetteredWithoutBlockingThePartition() {
        String user = newUserId();
        publishPayments(purchase(user, "cs_1", 100));
        awaitBalance(user, STARTING_CREDITS + 100);
        double rejectedBefore = counter("ledger.payments.rejected");

        publishPayments(closed(user, "cs_1", "dp_never", DisputeOutcome.LOST), dispute(user, "cs_404", "dp_2", 10),
                purchase(user, "cs_2", 50));

        awaitBalance(user, STARTING_CREDITS + 150);
        await().atMost(WAIT).until(() -> counter("ledger.payments.rejected") >= rejectedBefore + 2);
    }

    @Test
    void aSubscriptionRenewedPutsTheUserOnThePlanOnceAndItsEndPutsThemBack() {
        String user = newUserId();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        SubscriptionRenewed renewal = renewal(user, "sub_1", "in_1", "pro", start, start.plus(Duration.ofDays(30)));
        double duplicatesBefore = counter("ledger.payments.duplicates");

        publishPayments(renewal, renewal);

        awaitBalance(user, STARTING_CREDITS + 20_000_000);
        await().atMost(WAIT).until(() -> counter("ledger.payments.duplicates") >= duplicatesBefore + 1);
        JsonNode account = get("/api/accounts/" + user).json();
        assertThat(account.get("planId").asString()).isEqualTo("pro");
        assertThat(Instant.parse(account.get("cycleEndsAt").asString())).isEqualTo(start.plus(Duration.ofDays(30)));
        assertThat(jdbc.queryForObject("SELECT actor FROM admin_audit WHERE user_id = ? AND type = 'PLAN'", String.class,
                user)).isEqualTo("stripe:sub_1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", String.valueOf(STARTING_CREDITS + 20_000_000)));

        publishPayments(ended(user, "sub_1", "pro"));

        awaitBalance(user, STARTING_CREDITS);
        JsonNode after = get("/api/accounts/" + user).json();
        assertThat(after.get("planId").asString()).isEqualTo("default");
        JsonNode lines = get("/api/accounts/" + user + "/transactions").json().get("items");
        assertThat(lines.get(0).get("type").asString()).isEqualTo("RENEWAL");
        assertThat(lines.get(1).get("type").asString()).isEqualTo("PLAN");
        assertThat(lines.get(2).get("type").asString()).isEqualTo("SUBSCRIPTION_END");
    }

    @Test
    void aRenewalOfAnUnknownPlanOrOfAPlanTheClockRenewsIsDeadLettered() {
        String user = newUserId();
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double rejectedBefore = counter("ledger.payments.rejected");

        publishPayments(renewal(user, "sub_1", "in_1", "no-such-plan", start, start.plus(Duration.ofDays(30))),
                renewal(user, "sub_1", "in_2", "monthly", start, start.plus(Duration.ofDays(30))),
                purchase(user, "cs_1", 70));

        awaitBalance(user, STARTING_CREDITS + 70);
        assertThat(counter("ledger.payments.rejected")).isGreaterThanOrEqualTo(rejectedBefore + 2);
        assertThat(get("/api/accounts/" + user).json().get("planId").asString()).isEqualTo("default");
    }

    @Test
    void aManualPurchaseShowsItsMethodAndReferenceOnTheStatement() {
        String user = newUserId();
        CreditsPurchased manual = CreditsPurchased.newBuilder(purchase(user, "mp_1", 3_000_000)).setMethod("manual")
                .setReference("PIX-E2E-42").build();

        publishPayments(manual);

        awaitBalance(user, STARTING_CREDITS + 3_000_000);
        JsonNode line = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(line.get("type").asString()).isEqualTo("PURCHASE");
        assertThat(line.get("reason").asString()).isEqualTo("purchase mp_1 (manual, ref PIX-E2E-42)");
    }

    private double closuresFolded() {
        return meters.get("ledger.payments.folded").tag("type", "PurchaseDisputeClosed").counter().count();
    }

    private static PurchaseDisputed dispute(String user, String purchaseId, String disputeId, long credits) {
        return PurchaseDisputed.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user).setPurchaseId(purchaseId)
                .setDisputeId(disputeId).setAmountCredits(credits).build();
    }

    private static PurchaseDisputeClosed closed(String user, String purchaseId, String disputeId, DisputeOutcome outcome) {
        return PurchaseDisputeClosed.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user).setPurchaseId(purchaseId)
                .setDisputeId(disputeId).setOutcome(outcome).build();
    }

    private static SubscriptionRenewed renewal(String user, String subscriptionId, String invoiceId, String planId,
            Instant start, Instant end) {
        return SubscriptionRenewed.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user)
                .setSubscriptionId(subscriptionId).setInvoiceId(invoiceId).setPlanId(planId).setPeriodStart(start)
                .setPeriodEnd(end).setPaidAmountMinor(2_000).build();
    }

    private static SubscriptionEnded ended(String user, String subscriptionId, String planId) {
        return SubscriptionEnded.newBuilder().setEventId("evt_" + UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setUserId(user)
                .setSubscriptionId(subscriptionId).setPlanId(planId).build();
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
