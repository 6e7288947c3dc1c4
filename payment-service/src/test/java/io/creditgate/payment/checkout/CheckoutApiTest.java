package io.creditgate.payment.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.creditgate.payment.StripeModeTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/payments/checkout}: the session Stripe gets, the account it credits, and the refusals. */
class CheckoutApiTest extends StripeModeTestBase {

    @Test
    void createsAPaymentSessionForThePackAndTheCallersAccount() throws Exception {
        String user = newUserId();
        HttpResponse<String> started = post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", "team"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode body = json(started);
        String sessionId = body.get("sessionId").asString();
        assertThat(body.get("url").asString()).contains(sessionId);

        Session session = STRIPE.v1().checkout().sessions().retrieve(sessionId,
                SessionRetrieveParams.builder().addExpand("line_items").build());
        assertThat(session.getMode()).isEqualTo("payment");
        assertThat(session.getClientReferenceId()).isEqualTo(user);
        assertThat(session.getMetadata()).containsEntry("userId", user).containsEntry("packId", "team")
                .containsEntry("credits", "20000000");
        assertThat(session.getAmountTotal()).isEqualTo(2_000);
        assertThat(session.getCurrency()).isEqualTo("usd");
        assertThat(session.getLineItems().getData()).hasSize(1);
        assertThat(session.getSuccessUrl())
                .isEqualTo("http://dashboard.test/app/buy?checkout=success&session_id={CHECKOUT_SESSION_ID}");
        assertThat(session.getCancelUrl()).isEqualTo("http://dashboard.test/app/buy?checkout=cancelled");
        Map<String, Object> attempt = jdbc.queryForMap("select * from checkout_attempt where session_id = ?", sessionId);
        assertThat(attempt.get("user_id")).isEqualTo(user);
        assertThat(attempt.get("credits")).isEqualTo(20_000_000L);
        assertThat(attempt.get("amount_minor")).isEqualTo(2_000L);
        assertThat(attempt.get("currency")).isEqualTo("usd");
    }

    @Test
    void theSameIdempotencyKeyGetsTheSameSession() {
        String user = newUserId();
        String token = TOKENS.user(user);
        HttpResponse<String> first = post("/api/payments/checkout", token, Map.of("packId", "starter"),
                "Idempotency-Key", "buy-1");
        HttpResponse<String> again = post("/api/payments/checkout", token, Map.of("packId", "starter"),
                "Idempotency-Key", "buy-1");
        assertThat(json(again).get("sessionId").asString()).isEqualTo(json(first).get("sessionId").asString());
        HttpResponse<String> otherPack = post("/api/payments/checkout", token, Map.of("packId", "team"),
                "Idempotency-Key", "buy-1");
        assertThat(otherPack.statusCode()).isEqualTo(409);
        assertThat(json(otherPack).get("error").get("code").asString()).isEqualTo("idempotency_key_reused");
        HttpResponse<String> fresh = post("/api/payments/checkout", token, Map.of("packId", "starter"));
        assertThat(json(fresh).get("sessionId").asString()).isNotEqualTo(json(first).get("sessionId").asString());
    }

    @Test
    void refusesUnknownPacksAndAccountsThatAreNotTheCallers() {
        String user = newUserId();
        assertError(post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", "gold")), 400, "pack_unknown");
        assertError(post("/api/payments/checkout", TOKENS.user(user), Map.of()), 400, "pack_missing");
        assertError(post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", "starter", "userId", "someone-else")),
                403, "account_not_owned");
        String two = TOKENS.token("two-accounts", "two@example.com", List.of("user"), List.of("acct-a", "acct-b"));
        assertError(post("/api/payments/checkout", two, Map.of("packId", "starter")), 400, "user_required");
        assertThat(post("/api/payments/checkout", two, Map.of("packId", "starter", "userId", "acct-b")).statusCode())
                .isEqualTo(200);
        assertError(post("/api/payments/checkout", TOKENS.admin(), Map.of("packId", "starter")), 400, "account_missing");
        assertThat(post("/api/payments/checkout", null, Map.of("packId", "starter")).statusCode()).isEqualTo(401);
    }

    @Test
    void saysStripeIsOnInItsStatusAndHealth() {
        assertThat(json(get("/api/payments/status", TOKENS.user(newUserId()))).get("mode").asString()).isEqualTo("stripe");
        assertThat(json(get("/actuator/health", TOKENS.admin())).get("components").get("stripe").get("details")
                .get("mode").asString()).isEqualTo("stripe");
    }

    void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("error").get("code").asString()).isEqualTo(code);
    }
}
