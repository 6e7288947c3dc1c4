package io.creditgate.ledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.AccountOpened;
import io.creditgate.schemas.event.AccountStatus;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import tools.jackson.databind.JsonNode;

/** UsageRecorded on real Kafka → the account in PostgreSQL, Redis and the account-events topic. */
class UsageFoldingTest extends LedgerServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void chargesExactlyTheCostOfAUsageEventToANewAccount() {
        String user = newUserId();
        String eventId = UUID.randomUUID().toString();
        publishUsage(usage(user, eventId, 1_234));

        awaitBalance(user, STARTING_CREDITS - 1_234);
        JsonNode account = get("/api/accounts/" + user).json();
        assertThat(account.get("balanceCredits").asLong()).isEqualTo(998_766);
        assertThat(account.get("cycleCredits").asLong()).isEqualTo(STARTING_CREDITS);
        assertThat(account.get("spentCycleCredits").asLong()).isEqualTo(1_234);
        assertThat(account.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(account.get("version").asLong()).isEqualTo(1);

        JsonNode items = get("/api/accounts/" + user + "/transactions").json().get("items");
        assertThat(items.size()).isEqualTo(2);
        JsonNode charge = items.get(0);
        assertThat(charge.get("type").asString()).isEqualTo("USAGE");
        assertThat(charge.get("amountCredits").asLong()).isEqualTo(-1_234);
        assertThat(charge.get("balanceAfterCredits").asLong()).isEqualTo(998_766);
        assertThat(charge.get("eventId").asString()).isEqualTo(eventId);
        assertThat(charge.get("model").asString()).isEqualTo("gpt-4o-mini");
        assertThat(charge.get("promptTokens").asLong()).isEqualTo(1_200);
        assertThat(charge.get("completionTokens").asLong()).isEqualTo(300);
        assertThat(charge.get("occurredAt").asString()).isNotBlank();
        JsonNode opening = items.get(1);
        assertThat(opening.get("type").asString()).isEqualTo("OPENED");
        assertThat(opening.get("amountCredits").asLong()).isEqualTo(STARTING_CREDITS);
    }

    @Test
    void theRedisAccountHashAndPendingEntryFollowTheContract() {
        String user = newUserId();
        String eventId = UUID.randomUUID().toString();
        String pendingKey = "cg:{" + user + "}:pending";
        // What the gateway leaves behind: this call settled at its cost, another call still in flight.
        redis.opsForHash().put(pendingKey, eventId, "1234");
        redis.opsForHash().put(pendingKey, "call-in-flight", "300");

        publishUsage(usage(user, eventId, 1_234));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redisAccount(user)).isEqualTo(Map.of("balance", "998766", "version", "1", "status", "ACTIVE",
                    "cycleCredits", "1000000", "spentCycleCredits", "1234"));
            assertThat(redis.opsForHash().entries(pendingKey)).isEqualTo(Map.of("call-in-flight", "300"));
        });
    }

    @Test
    void theSameEventDeliveredTwiceIsChargedOnce() {
        String user = newUserId();
        UsageRecorded event = usage(user, UUID.randomUUID().toString(), 5_000);
        double duplicatesBefore = counter("ledger.usage.duplicates");

        publishUsage(event, event);

        await().atMost(WAIT).until(() -> counter("ledger.usage.duplicates") >= duplicatesBefore + 1);
        assertChargedOnce(user, event, 5_000);
    }

    @Test
    void aRedeliveryAfterAConsumerRestartIsChargedOnce() {
        String user = newUserId();
        UsageRecorded event = usage(user, UUID.randomUUID().toString(), 7_000);
        publishUsage(event);
        awaitBalance(user, STARTING_CREDITS - 7_000);
        double duplicatesBefore = counter("ledger.usage.duplicates");

        MessageListenerContainer consumer = listeners.getListenerContainer(UsageRecordedListener.LISTENER_ID);
        consumer.stop();
        publishUsage(event);
        consumer.start();

        await().atMost(WAIT).until(() -> counter("ledger.usage.duplicates") >= duplicatesBefore + 1);
        assertChargedOnce(user, event, 7_000);
    }

    @Test
    void anUnreadableRecordIsCountedAndDeadLetteredWithoutBlockingThePartition() {
        String user = newUserId();
        double unreadableBefore = counter("ledger.usage.unreadable");

        publishRawUsage(user, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        publishUsage(usage(user, UUID.randomUUID().toString(), 100));

        awaitBalance(user, STARTING_CREDITS - 100);
        assertThat(counter("ledger.usage.unreadable")).isGreaterThanOrEqualTo(unreadableBefore + 1);
    }

    @Test
    void aUsageThatBreaksAnAccountRuleIsCountedAndDeadLettered() {
        String user = newUserId();
        UsageRecorded negative = usage(user, UUID.randomUUID().toString(), -50);
        double rejectedBefore = counter("ledger.usage.rejected");

        publishUsage(negative, usage(user, UUID.randomUUID().toString(), 100));

        awaitBalance(user, STARTING_CREDITS - 100);
        assertThat(counter("ledger.usage.rejected")).isGreaterThanOrEqualTo(rejectedBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                negative.getEventId())).isZero();
    }

    @Test
    void aCallThatOvershootsIsRecordedAndTheAccountIsExhausted() {
        String user = newUserId();
        publishUsage(usage(user, UUID.randomUUID().toString(), STARTING_CREDITS + 500));

        awaitBalance(user, -500);
        assertThat(get("/api/accounts/" + user).json().get("status").asString()).isEqualTo("EXHAUSTED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", "-500").containsEntry("status", "EXHAUSTED"));
    }

    @Test
    void publishesTheOpeningAndEveryBalanceChangeToTheAccountEventsTopic() {
        String user = newUserId();
        String eventId = UUID.randomUUID().toString();
        publishUsage(usage(user, eventId, 2_000));

        List<SpecificRecord> events = accountEventsOf(user, 3);
        assertThat(events.get(0)).isInstanceOfSatisfying(AccountOpened.class,
                opened -> assertThat(opened.getStartingCredits()).isEqualTo(STARTING_CREDITS));
        assertThat(events.get(1)).isInstanceOfSatisfying(AccountBalanceChanged.class,
                changed -> assertThat(changed.getVersion()).isZero());
        assertThat(events.get(2)).isInstanceOfSatisfying(AccountBalanceChanged.class, changed -> {
            assertThat(changed.getCauseEventId()).isEqualTo(eventId);
            assertThat(changed.getVersion()).isEqualTo(1);
            assertThat(changed.getBalanceCredits()).isEqualTo(STARTING_CREDITS - 2_000);
            assertThat(changed.getSpentCycleCredits()).isEqualTo(2_000);
            assertThat(changed.getCycleCredits()).isEqualTo(STARTING_CREDITS);
            assertThat(changed.getStatus()).isEqualTo(AccountStatus.ACTIVE);
        });
    }

    @Test
    void foldedEventsAreCountedByType() {
        double before = meters.find("ledger.events.folded").tag("type", "UsageCharged").counter() == null ? 0
                : meters.find("ledger.events.folded").tag("type", "UsageCharged").counter().count();
        String user = newUserId();
        publishUsage(usage(user, UUID.randomUUID().toString(), 10));

        awaitBalance(user, STARTING_CREDITS - 10);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                meters.get("ledger.events.folded").tag("type", "UsageCharged").counter().count()).isGreaterThan(before));
        assertThat(meters.get("ledger.usage.fold.latency").timer().count()).isPositive();
    }

    private void assertChargedOnce(String user, UsageRecorded event, long cost) {
        awaitBalance(user, STARTING_CREDITS - cost);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_transaction WHERE user_id = ? AND type = 'USAGE'",
                Long.class, user)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, user)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                event.getEventId())).isEqualTo(1);
    }
}
