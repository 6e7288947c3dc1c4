package io.creditgate.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.UUID;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.web.security.Caller;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Adjust, block, unblock, cycle cap: effects in PostgreSQL and Redis, the actor, the audit log, every bad input. */
class AdminCommandsApiTest extends LedgerServiceTestBase {

    @Test
    void adjustmentsMoveTheBalanceBothWaysOnceAndRecordTheActor() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 1, "reason": "open"}""").status()).isEqualTo(201);

        Response plus = admin("POST", user, "/adjustments", """
                {"amountCredits": 500, "reason": "support credit", "adjustmentId": "fix-1"}""", "alice@example.com");
        assertThat(plus.status()).isEqualTo(201);
        assertThat(plus.json().get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 501);
        assertThat(admin("POST", user, "/adjustments", """
                {"amountCredits": 500, "reason": "support credit", "adjustmentId": "fix-1"}""", null).status()).isEqualTo(200);

        Response minus = admin("POST", user, "/adjustments", """
                {"amountCredits": -200, "reason": "double grant", "adjustmentId": "fix-2"}""", "bob");
        assertThat(minus.status()).isEqualTo(201);
        assertThat(minus.json().get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 301);
        JsonNode line = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(line.get("type").asString()).isEqualTo("ADJUSTMENT");
        assertThat(line.get("amountCredits").asLong()).isEqualTo(-200);
        assertThat(line.get("actor").asString()).isEqualTo("bob");

        Response tooMuch = admin("POST", user, "/adjustments", """
                {"amountCredits": -99999999999, "reason": "x"}""", null);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.errorCode()).isEqualTo("adjustment_exceeds_balance");
        Response conflict = admin("POST", user, "/adjustments", """
                {"amountCredits": 7, "reason": "x", "adjustmentId": "fix-1"}""", null);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("adjustment_conflict");
    }

    @Test
    void badAdminInputsAreClearErrors() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 1, "reason": "open"}""").status()).isEqualTo(201);
        assertError(admin("POST", user, "/adjustments", """
                {"amountCredits": 0, "reason": "x"}""", null), 400, "invalid_request");
        assertError(admin("POST", user, "/adjustments", """
                {"reason": "x"}""", null), 400, "invalid_request");
        assertError(admin("POST", user, "/adjustments", """
                {"amountCredits": 5}""", null), 400, "invalid_request");
        assertError(admin("POST", user, "/adjustments", """
                {"amountCredits": 5, "reason": "x", "adjustmentId": "a b"}""", null), 400, "invalid_request");
        assertError(admin("POST", user, "/adjustments", "[]", null), 400, "invalid_json");
        assertError(admin("POST", user, "/block", "{}", null), 400, "invalid_request");
        assertError(admin("PUT", user, "/cycle-cap", """
                {"capCredits": -1, "reason": "x"}""", null), 400, "invalid_request");
        assertError(admin("POST", newUserId(), "/adjustments", """
                {"amountCredits": 5, "reason": "x"}""", null), 404, "account_not_found");
        assertError(admin("POST", newUserId(), "/unblock", """
                {"reason": "x"}""", null), 404, "account_not_found");
        Response noKey = postJson("/api/admin/accounts/" + user + "/block", """
                {"reason": "x"}""", null);
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(get("/api/accounts/" + user).json().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aBlockedUserIsBlockedInRedisForTheGatewayUntilUnblocked() {
        String user = newUserId();

        Response blocked = admin("POST", user, "/block", """
                {"reason": "abuse report 42"}""", "carol");

        assertThat(blocked.status()).isEqualTo(200);
        assertThat(blocked.json().get("status").asString()).isEqualTo("BLOCKED");
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("status", "BLOCKED"));
        // The call already happened: usage of a blocked user is still charged, and the user stays blocked.
        publishUsage(usage(user, UUID.randomUUID().toString(), 100));
        awaitBalance(user, STARTING_CREDITS - 100);
        assertThat(get("/api/accounts/" + user).json().get("status").asString()).isEqualTo("BLOCKED");

        Response unblocked = admin("POST", user, "/unblock", """
                {"reason": "appeal granted"}""", "dave");
        assertThat(unblocked.json().get("status").asString()).isEqualTo("ACTIVE");
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("status", "ACTIVE"));
    }

    @Test
    void aCycleCapBelowTheBalanceIsWhatTheGatewayAdmitsAgainst() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 1, "reason": "open"}""").status()).isEqualTo(201);

        Response capped = admin("PUT", user, "/cycle-cap", """
                {"capCredits": 5000, "reason": "team budget"}""", null);
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.json().get("cycleCapCredits").asLong()).isEqualTo(5_000);
        assertThat(capped.json().get("spendableCredits").asLong()).isEqualTo(5_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user)).containsEntry("balance", "5000"));

        publishUsage(usage(user, UUID.randomUUID().toString(), 5_000));
        awaitBalance(user, STARTING_CREDITS + 1 - 5_000);
        JsonNode account = get("/api/accounts/" + user).json();
        assertThat(account.get("status").asString()).isEqualTo("EXHAUSTED");
        assertThat(account.get("spendableCredits").asLong()).isZero();
        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", "0").containsEntry("status", "EXHAUSTED"));

        Response lifted = admin("PUT", user, "/cycle-cap", """
                {"capCredits": null, "reason": "budget lifted"}""", null);
        assertThat(lifted.json().has("cycleCapCredits")).isFalse();
        assertThat(lifted.json().get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void theAuditLogListsEveryAdminActionFilteredAndPaged() {
        String user = newUserId();
        Instant start = Instant.now().minusSeconds(1);
        postGrant(user, """
                {"amountCredits": 10, "reason": "welcome", "grantId": "w"}""");
        admin("POST", user, "/adjustments", """
                {"amountCredits": 5, "reason": "fix", "adjustmentId": "a"}""", "erin");
        admin("POST", user, "/block", """
                {"reason": "abuse"}""", "frank");
        admin("PUT", user, "/cycle-cap", """
                {"capCredits": 100, "reason": "budget"}""", "erin");
        admin("POST", user, "/grants/w/revoke", """
                {"reason": "mistake"}""", "erin");
        admin("POST", user, "/unblock", """
                {"reason": "ok"}""", "frank");
        publishUsage(usage(user, UUID.randomUUID().toString(), 1));
        awaitVersion(user, 7);

        JsonNode all = get("/api/admin/audit?userId=" + user).json();
        assertThat(all.get("totalItems").asLong()).isEqualTo(6);
        JsonNode items = all.get("items");
        assertThat(items.get(0).get("type").asString()).isEqualTo("UNBLOCK");
        assertThat(items.get(0).get("actor").asString()).isEqualTo("frank");
        assertThat(items.get(1).get("type").asString()).isEqualTo("REVOKE");
        assertThat(items.get(1).get("amountCredits").asLong()).isEqualTo(-10);
        assertThat(items.get(1).get("grantId").asString()).isEqualTo("w");
        assertThat(items.get(2).get("capCredits").asLong()).isEqualTo(100);
        assertThat(items.get(5).get("type").asString()).isEqualTo("GRANT");
        assertThat(items.get(5).get("actor").asString()).isEqualTo(Caller.ADMIN_KEY_ACTOR);

        JsonNode blocks = get("/api/admin/audit?userId=" + user + "&type=BLOCK").json();
        assertThat(blocks.get("totalItems").asLong()).isEqualTo(1);
        assertThat(blocks.get("items").get(0).get("reason").asString()).isEqualTo("abuse");

        JsonNode page = get("/api/admin/audit?userId=" + user + "&page=1&size=4").json();
        assertThat(page.get("items").size()).isEqualTo(2);
        assertThat(page.get("items").get(1).get("type").asString()).isEqualTo("GRANT");

        assertThat(get("/api/admin/audit?userId=" + user + "&from=" + start + "&to=" + Instant.now().plusSeconds(1))
                .json().get("totalItems").asLong()).isEqualTo(6);
        assertThat(get("/api/admin/audit?userId=" + user + "&to=" + start).json().get("totalItems").asLong()).isZero();
        assertThat(get("/api/admin/audit?type=ADJUSTMENT").json().get("totalItems").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theAuditLogRefusesBadFiltersAndCallersWithoutTheKey() {
        for (String query : new String[] {"?type=USAGE", "?from=yesterday", "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "?page=-1", "?size=0", "?userId=%7B%7Bx%7D%7D"}) {
            Response response = get("/api/admin/audit" + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isEqualTo("invalid_request");
        }
        Response anonymous = send(HttpRequest.newBuilder(uri("/api/admin/audit")).GET());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(get("/api/admin/audit?size=100000").json().get("size").asInt()).isEqualTo(AuditController.MAX_PAGE_SIZE);
    }

    /** An admin command as the admin whose token carries {@code actor} as its email; null: the bootstrap key. */
    private Response admin(String method, String userId, String path, String json, String actor) {
        return send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + userId + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + (actor == null ? ADMIN_KEY : TOKENS.admin(actor)))
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void assertError(Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
    }
}
