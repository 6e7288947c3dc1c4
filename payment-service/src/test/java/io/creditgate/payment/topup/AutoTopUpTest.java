package io.creditgate.payment.topup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.creditgate.payment.RecurringPaymentsTestBase;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Auto top-up end to end: a card saved on the demo Stripe's hosted page, balance changes published to the real Kafka,
 * PaymentIntents at the demo Stripe, CreditsPurchased and notices read back from the real topics.
 */
class AutoTopUpTest extends RecurringPaymentsTestBase {

    static final long THRESHOLD = 1_000_000;
    static final String PACK = "starter";
    static final long PACK_PRICE_MINOR = 500;
    static final long PACK_CREDITS = 5_000_000;
    static final String GOOD_CARD = "4242 4242 4242 4242";

    @Autowired
    TopUps topUps;
    @Autowired
    TopUpClaims claims;
    @Autowired
    TopUpCharges charges;
    @Autowired
    TopUpRecovery recovery;
    @Value("${creditgate.payment.top-up.group-id}")
    String groupId;

    @Test
    void twentyConcurrentLowBalancesDeliveredToSeveralInstancesChargeTheCardOnce() throws Exception {
        String user = userWithCard(GOOD_CARD, 10 * PACK_PRICE_MINOR);
        double startedBefore = counter("creditgate.payments.top-ups.started");
        double succeededBefore = counter("creditgate.payments.top-ups.succeeded");
        List<AccountBalanceChanged> lows = new ArrayList<>();
        for (int version = 1; version <= 20; version++) {
            lows.add(balance(user, version, 400_000 - version));
        }
        // Three deliveries of the same 20 events at once: this context's Kafka consumer; a second consumer of the
        // topic (another instance holding the partition during a rebalance) feeding the same decision; and 20
        // threads calling it at the same moment.
        ExecutorService threads = Executors.newFixedThreadPool(21);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (AccountBalanceChanged low : lows) {
            calls.add(threads.submit(() -> {
                start.await();
                topUps.onBalance(low);
                return null;
            }));
        }
        start.countDown();
        RecordMetadata last = publish(lows.toArray(AccountBalanceChanged[]::new));
        calls.add(threads.submit(() -> {
            secondInstance(last, lows.size());
            return null;
        }));
        for (Future<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();

        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);
        awaitConsumed(last);
        List<JsonNode> intents = stripeObjects("payment_intent.created", "userId", user);
        assertThat(intents).hasSize(1);
        CreditsPurchased purchase = paymentEvents(user, CreditsPurchased.class).get(0);
        assertThat(purchase.getMethod()).isEqualTo("auto_top_up");
        assertThat(purchase.getPurchaseId()).isEqualTo(intents.get(0).path("id").asString());
        assertThat(purchase.getReference()).isEqualTo(purchase.getPurchaseId());
        assertThat(purchase.getAmountCredits()).isEqualTo(PACK_CREDITS);
        assertThat(purchase.getPaidAmountMinor()).isEqualTo(PACK_PRICE_MINOR);
        assertThat(intents.get(0).path("metadata").path("purpose").asString()).isEqualTo("top_up");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM auto_top_up WHERE user_id = ?", Long.class, user))
                .isEqualTo(1);
        assertThat(kinds(user)).containsExactly(PaymentNoticeKind.TOP_UP_COMPLETED);
        assertThat(counter("creditgate.payments.top-ups.started")).isEqualTo(startedBefore + 1);
        assertThat(counter("creditgate.payments.top-ups.succeeded")).isEqualTo(succeededBefore + 1);
    }

    @Test
    void aRedeliveredBalanceEventAfterTheTopUpDoesNotChargeAgainButANewLowBalanceAfterTheCreditDoes() throws Exception {
        String user = userWithCard(GOOD_CARD, 10 * PACK_PRICE_MINOR);
        AccountBalanceChanged low = balance(user, 5, 200_000);
        publish(low);
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);
        CreditsPurchased first = paymentEvents(user, CreditsPurchased.class).get(0);

        awaitConsumed(publish(low, balance(user, 6, 150_000)));
        assertThat(stripeObjects("payment_intent.created", "userId", user)).as("no new charge before the credit").hasSize(1);

        // The ledger folds the purchase (version 7, balance up), then usage takes it below the threshold again.
        RecordMetadata last = publish(credit(user, 7, 5_150_000, first.getEventId()), low, balance(user, 8, 900_000));
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 2);
        awaitConsumed(last);
        assertThat(stripeObjects("payment_intent.created", "userId", user)).hasSize(2);
        assertThat(paymentEvents(user, CreditsPurchased.class).get(1).getPurchaseId()).isNotEqualTo(first.getPurchaseId());
        assertThat(jdbc.queryForList("SELECT trigger_version FROM auto_top_up WHERE user_id = ? ORDER BY sequence",
                Long.class, user)).containsExactly(5L, 8L);
    }

    @Test
    void theMonthlyCapStopsATopUp() throws Exception {
        String user = userWithCard(GOOD_CARD, PACK_PRICE_MINOR);
        publish(balance(user, 1, 10));
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);
        awaitConsumed(publish(credit(user, 2, 5_000_010,
                paymentEvents(user, CreditsPurchased.class).get(0).getEventId()), balance(user, 3, 10)));

        assertThat(stripeObjects("payment_intent.created", "userId", user)).hasSize(1);
        assertThat(paymentEvents(user, CreditsPurchased.class)).hasSize(1);
        JsonNode setting = json(get(path(user), TOKENS.user(user)));
        assertThat(setting.path("chargedThisMonthMinor").asLong()).isEqualTo(PACK_PRICE_MINOR);
        assertThat(setting.path("monthlyCapMinor").asLong()).isEqualTo(PACK_PRICE_MINOR);
    }

    @Test
    void aCardThatNeedsAuthenticationGetsAConfirmationLinkAndNoCredits() throws Exception {
        String user = userWithCard("4000 0025 0000 3155", 10 * PACK_PRICE_MINOR);
        double before = counter("creditgate.payments.top-ups.failed", "reason", "authentication_required");
        publish(balance(user, 1, 10));

        awaitTrue(() -> kinds(user).contains(PaymentNoticeKind.TOP_UP_NEEDS_AUTHENTICATION));
        PaymentNoticeRaised notice = notices(user).get(0);
        assertThat(notice.getActionUrl()).contains("/c/pay/cs_");
        assertThat(notice.getCredits()).isEqualTo(PACK_CREDITS);
        assertThat(paymentEvents(user, CreditsPurchased.class)).isEmpty();
        assertThat(counter("creditgate.payments.top-ups.failed", "reason", "authentication_required")).isEqualTo(before + 1);
        // The link buys the same pack, on session, for the same user; the card holder confirms there and is credited
        // by the checkout feature like any pack purchase.
        String sessionId = sessionIdOf(notice.getActionUrl());
        JsonNode session = stripeGet("/v1/checkout/sessions/" + sessionId);
        assertThat(session.path("mode").asString()).isEqualTo("payment");
        assertThat(session.path("amount_total").asLong()).isEqualTo(PACK_PRICE_MINOR);
        assertThat(session.path("client_reference_id").asString()).isEqualTo(user);
        assertThat(session.path("metadata").path("packId").asString()).isEqualTo(PACK);
        assertThat(STRIPE.payCheckout(sessionId, "4000 0025 0000 3155"))
                .isEqualTo(DemoStripe.CheckoutOutcome.REQUIRES_AUTHENTICATION);
        STRIPE.completeAuthentication(sessionId, true);
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);
        CreditsPurchased confirmed = paymentEvents(user, CreditsPurchased.class).get(0);
        assertThat(confirmed.getMethod()).isEqualTo("checkout");
        assertThat(confirmed.getAmountCredits()).isEqualTo(PACK_CREDITS);
    }

    @Test
    void aDeclinedCardThreeTimesInARowSwitchesAutoTopUpOffAndTellsTheUser() throws Exception {
        String user = userWithCard("4000 0000 0000 9995", 10 * PACK_PRICE_MINOR);
        double declinedBefore = counter("creditgate.payments.top-ups.failed", "reason", "card_declined");
        double disabledBefore = counter("creditgate.payments.top-ups.disabled");
        for (int version = 1; version <= 3; version++) {
            int failures = version;
            publish(balance(user, version, 10));
            awaitTrue(() -> kinds(user).stream().filter(PaymentNoticeKind.TOP_UP_FAILED::equals).count() == failures);
        }
        awaitTrue(() -> kinds(user).contains(PaymentNoticeKind.TOP_UP_DISABLED));
        JsonNode setting = json(get(path(user), TOKENS.user(user)));
        assertThat(setting.path("enabled").asBoolean()).isFalse();
        assertThat(setting.path("failuresInARow").asInt()).isEqualTo(3);
        assertThat(notices(user).get(0).getDetail()).isNotBlank();
        assertThat(counter("creditgate.payments.top-ups.failed", "reason", "card_declined")).isEqualTo(declinedBefore + 3);
        assertThat(counter("creditgate.payments.top-ups.disabled")).isEqualTo(disabledBefore + 1);

        awaitConsumed(publish(balance(user, 4, 10)));
        assertThat(stripeObjects("payment_intent.created", "userId", user)).hasSize(3);
        assertThat(paymentEvents(user, CreditsPurchased.class)).isEmpty();
        assertThat(kinds(user)).containsExactly(PaymentNoticeKind.TOP_UP_FAILED, PaymentNoticeKind.TOP_UP_FAILED,
                PaymentNoticeKind.TOP_UP_FAILED, PaymentNoticeKind.TOP_UP_DISABLED);
    }

    @Test
    void aClaimLeftPendingByAnInstanceThatDiedIsChargedOnceByTheRecovery() {
        String user = userWithCard(GOOD_CARD, 10 * PACK_PRICE_MINOR);
        // The instance claimed the top-up and died before it asked Stripe.
        TopUpClaim claim = claims.claimFor(balance(user, 1, 10)).orElseThrow();
        assertThat(claims.claimFor(balance(user, 2, 10))).as("a pending claim keeps others away").isEmpty();

        recovery.recoverPending();
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);
        // Sent once more (another instance's recovery that read the row before it was recorded): the same charge.
        topUps.resend(claim);

        List<JsonNode> intents = stripeObjects("payment_intent.created", "userId", user);
        assertThat(intents).hasSize(1);
        assertThat(paymentEvents(user, CreditsPurchased.class).get(0).getPurchaseId()).isEqualTo(intents.get(0).path("id")
                .asString());
        assertThat(outboxed(user, "CreditsPurchased")).isEqualTo(1);
    }

    @Test
    void aChargeWhoseAnswerWasLostIsCreditedOnceFromStripesWebhookAndTheSameIdempotencyKey() {
        String user = userWithCard(GOOD_CARD, 10 * PACK_PRICE_MINOR);
        // Stripe charged the card, then the instance died before it recorded the answer. Nothing here records it:
        // payment_intent.succeeded does, through the webhook.
        TopUpClaim claim = claims.claimFor(balance(user, 1, 10)).orElseThrow();
        TopUpCharges.Answer lost = charges.charge(claim);
        assertThat(lost.intent().getStatus()).isEqualTo("succeeded");
        awaitTrue(() -> paymentEvents(user, CreditsPurchased.class).size() == 1);

        // The recovery (or a retry) asks Stripe again with the claim's key: Stripe answers with the same charge.
        topUps.resend(claim);
        recovery.recoverPending();

        assertThat(stripeObjects("payment_intent.created", "userId", user)).hasSize(1);
        assertThat(paymentEvents(user, CreditsPurchased.class).get(0).getPurchaseId()).isEqualTo(lost.intent().getId());
        assertThat(outboxed(user, "CreditsPurchased")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM auto_top_up WHERE user_id = ?", String.class, user))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void aUserGetsOneStripeCustomerHoweverManyCardCheckoutsStartAtOnce() throws Exception {
        String user = newUserId();
        String token = TOKENS.user(user);
        assertOk(put(path(user), token, Map.of("enabled", false, "thresholdCredits", THRESHOLD, "packId", PACK,
                "monthlyCapMinor", PACK_PRICE_MINOR)));
        ExecutorService threads = Executors.newFixedThreadPool(5);
        List<Future<HttpResponse<String>>> checkouts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            checkouts.add(threads.submit(() -> post(path(user) + "/card", token, "{}")));
        }
        for (Future<HttpResponse<String>> checkout : checkouts) {
            assertOk(checkout.get(60, TimeUnit.SECONDS));
        }
        threads.shutdown();

        List<JsonNode> customers = stripeObjects("customer.created", "userId", user);
        assertThat(customers).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT customer_id FROM stripe_customer WHERE user_id = ?", String.class, user))
                .isEqualTo(customers.get(0).path("id").asString());
        JsonNode session = stripeGet("/v1/checkout/sessions/" + sessionIdOf(json(checkouts.get(0).get()).path("url")
                .asString()));
        assertThat(session.path("mode").asString()).isEqualTo("setup");
        assertThat(session.path("customer").asString()).isEqualTo(customers.get(0).path("id").asString());
        assertThat(session.path("currency").asString()).isEqualTo("usd");
    }

    @Test
    void refusesBadSettingsWithAClearError() {
        String user = newUserId();
        String token = TOKENS.user(user);
        HttpResponse<String> unknownPack = put(path(user), token, Map.of("enabled", true, "thresholdCredits", 1,
                "packId", "no-such-pack", "monthlyCapMinor", 1000));
        assertThat(unknownPack.statusCode()).isEqualTo(400);
        assertThat(json(unknownPack).path("error").path("code").asString()).isEqualTo("pack_unknown");
        HttpResponse<String> capBelowPrice = put(path(user), token, Map.of("enabled", true, "thresholdCredits", 1,
                "packId", PACK, "monthlyCapMinor", PACK_PRICE_MINOR - 1));
        assertThat(capBelowPrice.statusCode()).isEqualTo(400);
        assertThat(json(capBelowPrice).path("error").path("message").asString()).contains("monthlyCapMinor");
        assertThat(put(path(user), token, Map.of("enabled", true)).statusCode()).isEqualTo(400);
        assertThat(post(path(user) + "/card", token, "{}").statusCode()).as("no pack chosen yet").isEqualTo(409);
    }

    @Test
    void strangersCannotReadOrChangeSomeoneElsesAutoTopUp() {
        String user = newUserId();
        String stranger = TOKENS.user(newUserId());
        Map<String, Object> body = Map.of("enabled", true, "thresholdCredits", 1, "packId", PACK, "monthlyCapMinor", 1000);
        assertThat(get(path(user), stranger).statusCode()).isEqualTo(403);
        assertThat(put(path(user), stranger, body).statusCode()).isEqualTo(403);
        assertThat(post(path(user) + "/card", stranger, "{}").statusCode()).isEqualTo(403);
        assertThat(get(path(user), TOKENS.finance()).statusCode()).isEqualTo(403);
        assertThat(get(path(user), null).statusCode()).isEqualTo(401);
        assertThat(put(path(user), TOKENS.admin(), body).statusCode()).isEqualTo(200);
        assertThat(get(path(user), TOKENS.admin()).statusCode()).isEqualTo(200);
    }

    // --- helpers ---

    /** A user who opted in (threshold 1 USD, the starter pack, the cap) and saved {@code card} on the hosted page. */
    String userWithCard(String card, long monthlyCapMinor) {
        String user = newUserId();
        String token = TOKENS.user(user);
        assertOk(put(path(user), token, Map.of("enabled", true, "thresholdCredits", THRESHOLD, "packId", PACK,
                "monthlyCapMinor", monthlyCapMinor)));
        HttpResponse<String> checkout = post(path(user) + "/card", token, "{}");
        assertOk(checkout);
        String sessionId = sessionIdOf(json(checkout).path("url").asString());
        if (STRIPE.payCheckout(sessionId, card) == DemoStripe.CheckoutOutcome.REQUIRES_AUTHENTICATION) {
            // The card holder is there while saving it: the bank's challenge is passed on the page.
            STRIPE.completeAuthentication(sessionId, true);
        }
        awaitTrue(() -> !json(get(path(user), token)).path("card").isNull());
        JsonNode saved = json(get(path(user), token)).path("card");
        assertThat(saved.path("last4").asString()).isEqualTo(card.substring(card.length() - 4));
        assertThat(saved.path("brand").asString()).isEqualTo("visa");
        return user;
    }

    static String path(String user) {
        return "/api/payments/users/" + user + "/auto-top-up";
    }

    List<PaymentNoticeKind> kinds(String user) {
        return notices(user).stream().map(PaymentNoticeRaised::getKind).toList();
    }

    /** Another instance's consumer: reads the {@code count} records up to {@code last} and decides on each. */
    void secondInstance(RecordMetadata last, int count) {
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, last.offset() - count + 1);
            long next = last.offset() - count + 1;
            while (next <= last.offset()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(java.time.Duration.ofMillis(200))) {
                    if (Topics.ACCOUNT_EVENTS.codec().decode(record.value()) instanceof AccountBalanceChanged balance) {
                        topUps.onBalance(balance);
                    }
                    next = record.offset() + 1;
                }
            }
        }
    }

    /** Waits until this context's top-up consumer has processed (and committed) the record {@code last}. */
    void awaitConsumed(RecordMetadata last) {
        TopicPartition partition = new TopicPartition(last.topic(), last.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.shared().bootstrapServers()))) {
            awaitTrue(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() > last.offset();
            });
        }
    }

    static AccountBalanceChanged balance(String user, long version, long balanceCredits) {
        return event(user, version, balanceCredits, "usage-" + UUID.randomUUID(), "USAGE");
    }

    static AccountBalanceChanged credit(String user, long version, long balanceCredits, String purchaseEventId) {
        return event(user, version, balanceCredits, purchaseEventId, "PURCHASE");
    }

    static AccountBalanceChanged event(String user, long version, long balanceCredits, String cause, String changeType) {
        return AccountBalanceChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setUserId(user).setCauseEventId(cause).setVersion(version).setBalanceCredits(balanceCredits)
                .setCycleCredits(5_000_000).setSpentCycleCredits(5_000_000 - balanceCredits).setStatus(AccountStatus.ACTIVE)
                .setChangeType(changeType).setUtilisationBasisPoints(0).setPlanId("free").build();
    }

    /** Publishes in order (one user: one partition) and returns where the last one landed. */
    static RecordMetadata publish(AccountBalanceChanged... events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config,
                Topics.ACCOUNT_EVENTS.keys().serializer(), Topics.ACCOUNT_EVENTS.values().serializer())) {
            RecordMetadata last = null;
            for (AccountBalanceChanged event : events) {
                last = producer.send(new ProducerRecord<>(Topics.ACCOUNT_EVENTS.name(), event.getUserId(), event)).get();
            }
            return last;
        }
    }
}
