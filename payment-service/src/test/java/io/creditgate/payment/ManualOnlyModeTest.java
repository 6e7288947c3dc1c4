package io.creditgate.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.creditgate.web.testing.OpenApiSnapshot;
import org.junit.jupiter.api.Test;

/** Without STRIPE_SECRET_KEY: the status, the health and every Stripe route say manual-only; packs are still listed. */
class ManualOnlyModeTest extends ManualModeTestBase {

    @Test
    void saysManualOnlyAndRefusesStripeRoutesWith503() {
        String user = newUserId();
        JsonAssert status = new JsonAssert(get("/api/payments/status", TOKENS.user(user)));
        assertThat(status.response().statusCode()).isEqualTo(200);
        assertThat(status.text("mode")).isEqualTo("manual-only");
        assertThat(json(status.response()).get("checkoutAvailable").asBoolean()).isFalse();

        HttpResponse<String> checkout = post("/api/payments/checkout", TOKENS.user(user), Map.of("packId", "starter"));
        assertThat(checkout.statusCode()).isEqualTo(503);
        assertThat(json(checkout).get("error").get("code").asString()).isEqualTo("stripe_not_configured");
        HttpResponse<String> webhook = post("/api/payments/stripe/webhook", null, "{}", "Stripe-Signature", "t=1,v1=00");
        assertThat(webhook.statusCode()).isEqualTo(503);

        HttpResponse<String> health = get("/actuator/health", TOKENS.admin());
        assertThat(json(health).get("components").get("stripe").get("details").get("mode").asString())
                .isEqualTo("manual-only");
        assertThat(get("/actuator/health", null).body()).doesNotContain("components");
    }

    @Test
    void listsTheConfiguredPacksToAnyoneSignedIn() {
        HttpResponse<String> packs = get("/api/payments/packs", TOKENS.user(newUserId()));
        assertThat(packs.statusCode()).isEqualTo(200);
        var list = json(packs).get("packs");
        assertThat(list).hasSize(4);
        assertThat(list.get(0).get("id").asString()).isEqualTo("starter");
        assertThat(list.get(0).get("credits").asLong()).isEqualTo(5_000_000);
        assertThat(list.get(0).get("priceMinor").asLong()).isEqualTo(500);
        assertThat(list.get(2).get("currency").asString()).isEqualTo("brl");
        assertThat(get("/api/payments/packs", null).statusCode()).isEqualTo(401);
    }

    @Test
    void servesItsOpenApiDocumentToSignedInPeople() {
        HttpResponse<String> docs = get("/v3/api-docs", TOKENS.user(newUserId()));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/payments/checkout", "/api/payments/manual-purchases",
                "/api/payments/stripe/webhook");
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        OpenApiSnapshot.assertCommitted("payment", docs.body());
    }

    @Test
    void exportsItsMetricsToPrometheus() {
        String user = newUserId();
        assertThat(post("/api/payments/manual-purchases", TOKENS.admin(), body("userId", user, "credits", 1_000_000,
                "amountMinor", 100, "currency", "usd", "method", "pix", "reference", "PIX-" + java.util.UUID.randomUUID()))
                .statusCode()).isEqualTo(201);
        String metrics = get("/actuator/prometheus", TOKENS.admin()).body();
        assertThat(metrics).contains("creditgate_payments_purchases_total{", "method=\"manual\"",
                "creditgate_payments_credits_sold_total{", "creditgate_payments_outbox_pending",
                "creditgate_payments_outbox_publish_failures_total", "creditgate_payments_outbox_published_total");
    }

    record JsonAssert(HttpResponse<String> response) {
        String text(String field) {
            return json(response).get(field).asString();
        }
    }
}
