package io.creditgate.ledger.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.util.List;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.CreditsGranted;
import io.creditgate.web.security.Caller;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/admin/accounts/{userId}/grants: effects, idempotency, authentication and every bad input. */
class GrantApiTest extends LedgerServiceTestBase {

    @Test
    void aGrantRaisesTheBalanceAndShowsInTransactionsRedisAndTheAccountEventsTopic() {
        String user = newUserId();
        Response response = postGrant(user, """
                {"amountCredits": 5000, "reason": "support goodwill", "grantId": "grant-%s"}""".formatted(user));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers().get("location")).containsExactly("/api/accounts/" + user);
        JsonNode account = response.json();
        assertThat(account.get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 5_000);
        assertThat(account.get("cycleCredits").asLong()).isEqualTo(STARTING_CREDITS + 5_000);
        assertThat(account.get("version").asLong()).isEqualTo(1);

        JsonNode grant = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(grant.get("type").asString()).isEqualTo("GRANT");
        assertThat(grant.get("amountCredits").asLong()).isEqualTo(5_000);
        assertThat(grant.get("balanceAfterCredits").asLong()).isEqualTo(STARTING_CREDITS + 5_000);
        assertThat(grant.get("reason").asString()).isEqualTo("support goodwill");
        assertThat(grant.get("actor").asString()).isEqualTo(Caller.ADMIN_KEY_ACTOR);
        assertThat(grant.get("eventId").asString()).isEqualTo("grant-" + user);

        await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                .containsEntry("balance", Long.toString(STARTING_CREDITS + 5_000)).containsEntry("version", "1"));

        List<SpecificRecord> events = accountEventsOf(user, 4);
        assertThat(events).filteredOn(CreditsGranted.class::isInstance).singleElement()
                .isInstanceOfSatisfying(CreditsGranted.class, granted -> {
                    assertThat(granted.getEventId()).isEqualTo("grant-" + user);
                    assertThat(granted.getAmountCredits()).isEqualTo(5_000);
                    assertThat(granted.getReason()).isEqualTo("support goodwill");
                });
        assertThat(events.get(3)).isInstanceOfSatisfying(AccountBalanceChanged.class, changed -> {
            assertThat(changed.getCauseEventId()).isEqualTo("grant-" + user);
            assertThat(changed.getBalanceCredits()).isEqualTo(STARTING_CREDITS + 5_000);
        });
    }

    @Test
    void aRepeatedGrantIdChangesNothing() {
        String user = newUserId();
        String body = """
                {"amountCredits": 700, "reason": "retry me", "grantId": "g-1"}""";
        assertThat(postGrant(user, body).status()).isEqualTo(201);

        Response repeated = postGrant(user, body);

        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 700);
        assertThat(get("/api/accounts/" + user + "/transactions").json().get("totalItems").asLong()).isEqualTo(2);
    }

    @Test
    void aGrantIdReusedWithAnotherAmountIsAConflict() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 700, "reason": "first", "grantId": "g-1"}""").status()).isEqualTo(201);

        Response conflict = postGrant(user, """
                {"amountCredits": 800, "reason": "second", "grantId": "g-1"}""");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("grant_conflict");
        assertThat(get("/api/accounts/" + user).json().get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS + 700);
    }

    @Test
    void withoutTheAdminKeyNothingIsGranted() {
        String user = newUserId();
        String body = """
                {"amountCredits": 5000, "reason": "x"}""";
        String path = "/api/admin/accounts/" + user + "/grants";

        for (String authorization : new String[] {null, "Bearer wrong-key", "Basic " + ADMIN_KEY, "Bearer ",
                "Bearer " + ADMIN_KEY + "x"}) {
            Response response = postJson(path, body, authorization);
            assertThat(response.status()).as("Authorization: " + authorization).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
            assertThat(response.headers().get("www-authenticate")).containsExactly("Bearer");
        }
        // Authentication comes first: a malformed body without the key is still a 401.
        assertThat(postJson(path, "{oops", null).status()).isEqualTo(401);
        assertThat(get("/api/accounts/" + user).status()).isEqualTo(404);
    }

    @Test
    void everyBadGrantIsAClear400AndGrantsNothing() {
        String user = newUserId();
        assertBadGrant(user, """
                {"amountCredits": 0, "reason": "x"}""", "invalid_request", "amountCredits");
        assertBadGrant(user, """
                {"amountCredits": -5, "reason": "x"}""", "invalid_request", "amountCredits");
        assertBadGrant(user, """
                {"amountCredits": 1000000000001, "reason": "x"}""", "invalid_request", "exceed");
        assertBadGrant(user, """
                {"reason": "x"}""", "invalid_request", "amountCredits is required");
        assertBadGrant(user, """
                {"amountCredits": 5}""", "invalid_request", "reason");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "   "}""", "invalid_request", "reason");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "%s"}""".formatted("r".repeat(501)), "invalid_request", "reason");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "grantId": "has spaces"}""", "invalid_request", "grantId");
        assertBadGrant(user, """
                {"amountCredits": 1.5, "reason": "x"}""", "invalid_json", "amountCredits");
        assertBadGrant(user, """
                {"amountCredits": 99999999999999999999, "reason": "x"}""", "invalid_json", "amountCredits");
        assertBadGrant(user, """
                {"amountCredits": "lots", "reason": "x"}""", "invalid_json", "amountCredits");
        assertBadGrant(user, "{\"amountCredits\": 5, \"reason\": ", "invalid_json", "JSON");
        assertBadGrant(user, "", "invalid_json", "JSON");
        assertBadGrant(user, "null", "invalid_json", "JSON");
        assertBadGrant(user, "[1,2]", "invalid_json", "JSON");
        assertBadGrant("%7B%7BLIBRECHAT_USER_ID%7D%7D", """
                {"amountCredits": 5, "reason": "x"}""", "invalid_request", "userId");

        assertThat(get("/api/accounts/" + user).status()).isEqualTo(404);
    }

    @Test
    void aGrantMayCarryCategoryExpiryAndPriorityAndIsListedInBurnOrder() {
        String user = newUserId();
        String expiresAt = java.time.Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
        assertThat(postGrant(user, """
                {"amountCredits": 300, "reason": "never expires", "grantId": "late", "priority": 5}""").status())
                .isEqualTo(201);
        Response response = postGrant(user, """
                {"amountCredits": 200, "reason": "expires tomorrow", "grantId": "soon", "category": "PAID",
                 "expiresAt": "%s", "priority": 900}""".formatted(expiresAt));

        assertThat(response.status()).isEqualTo(201);
        JsonNode grants = response.json().get("grants");
        assertThat(grants.size()).isEqualTo(3);
        assertThat(grants.get(0).get("grantId").asString()).isEqualTo("soon");
        assertThat(grants.get(0).get("category").asString()).isEqualTo("PAID");
        assertThat(grants.get(0).get("expiresAt").asString()).isEqualTo(expiresAt);
        assertThat(grants.get(1).get("grantId").asString()).isEqualTo("late");
        assertThat(grants.get(2).get("grantId").asString()).isEqualTo("opening");
        assertThat(response.json().get("utilisationBasisPoints").asLong()).isZero();
    }

    @Test
    void revokingTakesBackTheUnspentPartOnceAndSaysWhyItCannot() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 5000, "reason": "oops", "grantId": "g-1"}""").status()).isEqualTo(201);
        String revoke = "/api/admin/accounts/" + user + "/grants/g-1/revoke";

        Response revoked = postJson(revoke, """
                {"reason": "granted to the wrong user"}""", "Bearer " + ADMIN_KEY);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("balanceCredits").asLong()).isEqualTo(STARTING_CREDITS);
        JsonNode line = get("/api/accounts/" + user + "/transactions").json().get("items").get(0);
        assertThat(line.get("type").asString()).isEqualTo("REVOKE");
        assertThat(line.get("amountCredits").asLong()).isEqualTo(-5_000);
        assertThat(line.get("reason").asString()).isEqualTo("granted to the wrong user");
        assertThat(line.get("actor").asString()).isEqualTo(Caller.ADMIN_KEY_ACTOR);

        Response again = postJson(revoke, """
                {"reason": "again"}""", "Bearer " + ADMIN_KEY);
        assertThat(again.status()).isEqualTo(200);
        assertThat(get("/api/accounts/" + user).json().get("version").asLong()).isEqualTo(2);

        Response unknown = postJson("/api/admin/accounts/" + user + "/grants/nope/revoke", """
                {"reason": "x"}""", "Bearer " + ADMIN_KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("grant_not_found");

        Response noAccount = postJson("/api/admin/accounts/" + newUserId() + "/grants/g-1/revoke", """
                {"reason": "x"}""", "Bearer " + ADMIN_KEY);
        assertThat(noAccount.status()).isEqualTo(404);
        assertThat(noAccount.errorCode()).isEqualTo("account_not_found");

        Response noReason = postJson(revoke, "{}", "Bearer " + ADMIN_KEY);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.errorCode()).isEqualTo("invalid_request");

        assertThat(postJson(revoke, """
                {"reason": "x"}""", null).status()).isEqualTo(401);
    }

    @Test
    void aSpentGrantCannotBeRevoked() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 100, "reason": "small", "grantId": "small", "priority": 0}""").status()).isEqualTo(201);
        publishUsage(usage(user, java.util.UUID.randomUUID().toString(), 100));
        awaitBalance(user, STARTING_CREDITS);

        Response response = postJson("/api/admin/accounts/" + user + "/grants/small/revoke", """
                {"reason": "too late"}""", "Bearer " + ADMIN_KEY);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.errorCode()).isEqualTo("nothing_to_revoke");
    }

    @Test
    void badCategoryExpiryPriorityOrReservedIdsAreClear400s() {
        String user = newUserId();
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "category": "GOLD"}""", "invalid_request", "category");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "expiresAt": "2020-01-01T00:00:00Z"}""", "invalid_request", "expiresAt");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "expiresAt": "tomorrow"}""", "invalid_json", "expiresAt");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "priority": 1001}""", "invalid_request", "priority");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "priority": -1}""", "invalid_request", "priority");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "grantId": "purchase:cs_1"}""", "invalid_request", "reserved");
        assertBadGrant(user, """
                {"amountCredits": 5, "reason": "x", "grantId": "opening"}""", "invalid_request", "reserved");
        assertThat(get("/api/accounts/" + user).status()).isEqualTo(404);
    }

    @Test
    void aGrantThatIsNotJsonIsA415() {
        Response response = send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + newUserId() + "/grants"))
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("amount=5")));

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.errorCode()).isEqualTo("unsupported_media_type");
    }

    private void assertBadGrant(String user, String body, String code, String messagePart) {
        Response response = postGrant(user, body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.errorCode()).as(body).isEqualTo(code);
        assertThat(response.json().get("error").get("message").asString()).as(body).contains(messagePart);
    }
}
