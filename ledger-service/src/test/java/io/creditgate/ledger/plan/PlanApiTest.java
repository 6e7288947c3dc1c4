package io.creditgate.ledger.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.AccountBalanceChanged;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Plans through the service: the catalog, assignment (audited), renewal by the scheduler, every projection. */
class PlanApiTest extends LedgerServiceTestBase {

    private static final long DAILY_ALLOWANCE = 500_000;

    @Autowired
    private CycleRenewalScheduler scheduler;

    @Test
    void theCatalogListsTheConfiguredPlansAndTheDefault() {
        JsonNode plans = get("/api/plans").json();
        assertThat(plans.get("defaultPlan").asString()).isEqualTo("default");
        assertThat(plans.get("startingCredits").asLong()).isEqualTo(STARTING_CREDITS);
        assertThat(plans.get("plans").findValuesAsString("planId")).containsExactly("daily", "default", "monthly", "pro");
        JsonNode monthly = plans.get("plans").get(2);
        assertThat(monthly.get("period").asString()).isEqualTo("MONTHLY");
        assertThat(monthly.get("rollover").asString()).isEqualTo("CAPPED");
        assertThat(monthly.get("rolloverCapCredits").asLong()).isEqualTo(1_000_000);
        assertThat(monthly.get("renewedBy").asString()).isEqualTo("CLOCK");
        // Sold as a subscription: only a paid invoice starts its cycles.
        JsonNode pro = plans.get("plans").get(3);
        assertThat(pro.get("period").asString()).isEqualTo("MONTHLY");
        assertThat(pro.get("allowanceCredits").asLong()).isEqualTo(20_000_000);
        assertThat(pro.get("renewedBy").asString()).isEqualTo("PAYMENT");
    }

    @Test
    void aNewAccountIsOnTheDefaultPlanWithOneCycleSinceItsOpening() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 10, "reason": "hello", "grantId": "g1"}""").status()).isEqualTo(201);
        JsonNode account = get("/api/accounts/" + user).json();
        assertThat(account.get("planId").asString()).isEqualTo("default");
        assertThat(account.get("cycleStartedAt").asString()).isEqualTo(account.get("openedAt").asString());
        assertThat(account.has("cycleEndsAt")).isFalse();
    }

    @Test
    void assigningAPlanStartsACycleWhichTheSchedulerRenewsAtTheCalendarBoundary() {
        String user = newUserId();
        Response assigned = putPlan(user, """
                {"planId": "daily", "reason": "trial"}""", "ops@example.com");
        assertThat(assigned.status()).as(assigned.body()).isEqualTo(200);
        JsonNode account = assigned.json();
        assertThat(account.get("planId").asString()).isEqualTo("daily");
        assertThat(account.get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + DAILY_ALLOWANCE);
        assertThat(account.get("cycleCredits").asLong()).isEqualTo(STARTING_CREDITS + DAILY_ALLOWANCE);
        Instant cycleStart = Instant.parse(account.get("cycleStartedAt").asString());
        Instant cycleEnd = Instant.parse(account.get("cycleEndsAt").asString());
        // The test configuration keeps the default zone, UTC: the cycle ends at the next midnight.
        assertThat(cycleEnd).isEqualTo(cycleStart.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        assertThat(account.get("grants").get(0).get("grantId").asString())
                .isEqualTo("allowance:" + cycleStart.toEpochMilli());

        // The same plan again changes nothing.
        assertThat(putPlan(user, """
                {"planId": "daily", "reason": "again"}""", null).json().get("version").asLong())
                .isEqualTo(account.get("version").asLong());

        JsonNode audit = get("/api/admin/audit?userId=" + user + "&type=PLAN", ADMIN_KEY).json().get("items");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asString()).isEqualTo("ops@example.com");
        assertThat(audit.get(0).get("planId").asString()).isEqualTo("daily");
        assertThat(audit.get(0).get("reason").asString()).isEqualTo("trial");

        // Spend some of the allowance, then let the scheduler run just after the boundary.
        publishUsage(usage(user, java.util.UUID.randomUUID().toString(), 1_000));
        awaitBalance(user, STARTING_CREDITS + DAILY_ALLOWANCE - 1_000);
        assertThat(scheduler.renewDue(cycleEnd.minusMillis(1))).isZero();
        assertThat(scheduler.renewDue(cycleEnd.plusSeconds(1))).isGreaterThanOrEqualTo(1);

        JsonNode renewed = get("/api/accounts/" + user).json();
        assertThat(renewed.get("cycleStartedAt").asString()).isEqualTo(cycleEnd.toString());
        assertThat(Instant.parse(renewed.get("cycleEndsAt").asString())).isEqualTo(cycleEnd.plusSeconds(86_400));
        // RESET: the 499,000 unspent allowance is forfeited, a fresh 500,000 arrives, nothing is spent yet.
        assertThat(renewed.get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + DAILY_ALLOWANCE);
        assertThat(renewed.get("spentCycleCredits").asLong()).isZero();
        assertThat(renewed.get("utilisationBasisPoints").asLong()).isZero();
        JsonNode statement = get("/api/accounts/" + user + "/transactions").json().get("items");
        assertThat(statement.get(0).get("type").asString()).isEqualTo("RENEWAL");
        assertThat(statement.get(0).get("amountCredits").asLong()).isEqualTo(1_000);
        assertThat(statement.findValuesAsString("type")).containsSubsequence("RENEWAL", "USAGE", "RENEWAL", "PLAN", "OPENED");
        // A second run finds nothing due.
        assertThat(scheduler.renewDue(cycleEnd.plusSeconds(2))).isZero();

        long version = renewed.get("version").asLong();
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", Long.toString(STARTING_CREDITS + DAILY_ALLOWANCE))
                .containsEntry("version", Long.toString(version)));
        // AccountOpened + its balance, then one AccountBalanceChanged per ledger event: plan, cycle, usage, renewal.
        List<SpecificRecord> events = accountEventsOf(user, 6);
        AccountBalanceChanged last = (AccountBalanceChanged) events.get(events.size() - 1);
        assertThat(last.getChangeType()).isEqualTo("RENEWAL");
        assertThat(last.getPlanId()).isEqualTo("daily");
        assertThat(last.getCycleStartedAt()).isEqualTo(cycleEnd);
        assertThat(last.getCycleEndsAt()).isEqualTo(cycleEnd.plusSeconds(86_400));
        assertThat(last.getSpentCycleCredits()).isZero();
        assertThat(last.getVersion()).isEqualTo(version);
    }

    @Test
    void refusesUnknownPlansMissingReasonsAndCallsWithoutTheAdminKey() {
        String user = newUserId();
        Response unknown = putPlan(user, """
                {"planId": "platinum", "reason": "vip"}""", null);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo("invalid_request");
        assertThat(unknown.body()).contains("GET /api/plans");
        assertThat(putPlan(user, """
                {"planId": "daily"}""", null).status()).isEqualTo(400);
        assertThat(putPlan(user, """
                {"reason": "x"}""", null).status()).isEqualTo(400);
        Response noKey = send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + user + "/plan"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("""
                        {"planId": "daily", "reason": "x"}""")));
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(get("/api/accounts/" + user).status()).isEqualTo(404);
    }

    private Response putPlan(String userId, String json, String actor) {
        // The actor is the email of the admin's token; without one, the bootstrap key.
        return send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + userId + "/plan"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (actor == null ? ADMIN_KEY : TOKENS.admin(actor)))
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response get(String path, String key) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + key).GET());
    }
}
