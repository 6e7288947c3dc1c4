package io.creditgate.ledger.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.AccountBalanceChanged;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Expiry as an event: by the scheduler's ExpireGrants(now), and lazily by the next command carrying a later time. */
class GrantExpiryTest extends LedgerServiceTestBase {

    @Autowired
    GrantExpiryScheduler scheduler;

    @Test
    void theSchedulerExpiresTheUnspentPartOfADueGrant() {
        String user = newUserId();
        Instant expiresAt = Instant.now().plusSeconds(3_600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "trial", "grantId": "trial", "expiresAt": "%s"}""".formatted(expiresAt))
                .status()).isEqualTo(201);
        double expiredBefore = counter("ledger.grants.expired");

        assertThat(scheduler.expireDue(expiresAt.minusMillis(1))).isZero();
        assertThat(scheduler.expireDue(expiresAt.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        assertThat(balanceOf(user)).isEqualTo(STARTING_CREDITS);
        JsonNode expiry = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(expiry.get("type").asString()).isEqualTo("EXPIRY");
        assertThat(expiry.get("amountCredits").asLong()).isEqualTo(-5_000);
        assertThat(expiry.get("eventId").asString()).isEqualTo("trial");
        assertThat(Instant.parse(expiry.get("occurredAt").asString())).isEqualTo(expiresAt);
        JsonNode grants = get("/api/accounts/" + user + "/grants").json().get("grants");
        assertThat(grants.get(1).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(grants.get(1).get("remainingCredits").asLong()).isZero();
        assertThat(counter("ledger.grants.expired")).isGreaterThanOrEqualTo(expiredBefore + 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", Long.toString(STARTING_CREDITS)).containsEntry("version", "2"));
        List<SpecificRecord> events = accountEventsOf(user, 5);
        assertThat(events.get(4)).isInstanceOfSatisfying(AccountBalanceChanged.class, changed -> {
            assertThat(changed.getChangeType()).isEqualTo("EXPIRY");
            assertThat(changed.getCauseEventId()).isEqualTo("trial");
            assertThat(changed.getCycleCredits()).isEqualTo(STARTING_CREDITS);
        });
        // Nothing is left to expire: a second run changes nothing.
        scheduler.expireDue(expiresAt.plusSeconds(2));
        assertThat(get("/api/accounts/" + user).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void aUsageAfterTheExpiryExpiresTheGrantFirstAndNeverBurnsIt() throws InterruptedException {
        String user = newUserId();
        Instant expiresAt = Instant.now().plusMillis(800);
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "flash", "grantId": "flash", "expiresAt": "%s", "priority": 0}"""
                .formatted(expiresAt)).status()).isEqualTo(201);
        Thread.sleep(Duration.between(Instant.now(), expiresAt).toMillis() + 50);

        publishUsage(usage(user, UUID.randomUUID().toString(), 300));

        awaitBalance(user, STARTING_CREDITS - 300);
        JsonNode items = get("/api/accounts/" + user + "/transactions").json().get("items");
        assertThat(items.get(0).get("type").asString()).isEqualTo("USAGE");
        assertThat(items.get(1).get("type").asString()).isEqualTo("EXPIRY");
        assertThat(items.get(1).get("amountCredits").asLong()).isEqualTo(-5_000);
    }
}
