package io.creditgate.ledger.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import io.creditgate.ledger.LedgerServiceTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET /api/accounts/{userId} and its transactions: paging, unknown users, bad parameters. */
class AccountApiTest extends LedgerServiceTestBase {

    @Test
    void aUserNeverSeenIsA404WithAClearMessage() {
        String user = newUserId();
        for (String path : new String[] {"/api/accounts/" + user, "/api/accounts/" + user + "/transactions"}) {
            Response response = get(path);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.errorCode()).isEqualTo("account_not_found");
            assertThat(response.json().get("error").get("message").asString()).contains(user);
        }
    }

    @Test
    void transactionsArePagedNewestFirst() {
        String user = newUserId();
        for (int i = 1; i <= 5; i++) {
            assertThat(postGrant(user, """
                    {"amountCredits": %d, "reason": "grant %d", "grantId": "g-%d"}""".formatted(i, i, i)).status())
                    .isEqualTo(201);
        }

        JsonNode first = get("/api/accounts/" + user + "/transactions?page=0&size=2").json();
        assertThat(first.get("totalItems").asLong()).isEqualTo(6);
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(first.get("items").get(0).get("amountCredits").asLong()).isEqualTo(5);
        assertThat(first.get("items").get(1).get("amountCredits").asLong()).isEqualTo(4);
        assertThat(first.get("items").get(0).get("version").asLong()).isEqualTo(5);

        JsonNode last = get("/api/accounts/" + user + "/transactions?page=2&size=2").json();
        assertThat(last.get("items").get(1).get("type").asString()).isEqualTo("OPENED");
        assertThat(get("/api/accounts/" + user + "/transactions?page=3&size=2").json().get("items").size()).isZero();

        JsonNode capped = get("/api/accounts/" + user + "/transactions?size=100000").json();
        assertThat(capped.get("size").asInt()).isEqualTo(AccountController.MAX_PAGE_SIZE);
        assertThat(capped.get("items").size()).isEqualTo(6);
    }

    @Test
    void badParametersAreClear400s() {
        String user = newUserId();
        assertThat(postGrant(user, """
                {"amountCredits": 1, "reason": "open"}""").status()).isEqualTo(201);
        String transactions = "/api/accounts/" + user + "/transactions";

        for (String query : new String[] {"?page=-1", "?size=0", "?size=-3", "?page=abc", "?size=1e3",
                "?page=" + (AccountController.MAX_PAGE + 1)}) {
            Response response = get(transactions + query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.errorCode()).as(query).isEqualTo("invalid_request");
        }
        Response placeholder = get("/api/accounts/%7B%7BLIBRECHAT_USER_ID%7D%7D");
        assertThat(placeholder.status()).isEqualTo(400);
        assertThat(placeholder.errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void unknownRoutesAndMethodsAnswerInTheErrorShape() {
        // No rule names them, so they are denied (deny-by-default) before anyone learns whether they exist.
        Response unknown = get("/api/nothing-here");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.errorCode()).isEqualTo("forbidden");
        Response anonymous = send(HttpRequest.newBuilder(uri("/api/accounts/" + newUserId())).DELETE());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthorized");

        // A method the rules allow but no handler takes is the framework's 405, in the same shape.
        Response wrongMethod = send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + newUserId() + "/grants"))
                .header("Authorization", "Bearer " + ADMIN_KEY).PUT(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
    }
}
