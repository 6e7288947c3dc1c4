package io.creditgate.payment.manual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditgate.payment.ManualModeTestBase;
import io.creditgate.payment.PaymentEventsProbe;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.event.CreditsPurchased;
import io.creditgate.schemas.event.CreditsRefunded;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Manual purchases (no Stripe): recorded once per reference, every bad input a clear 400, refundable at once. */
class ManualPurchaseTest extends ManualModeTestBase {

    static final PaymentEventsProbe EVENTS = PaymentEventsProbe.of(LocalKafka.shared().bootstrapServers());
    static final String PATH = "/api/payments/manual-purchases";

    @Test
    void recordsAPurchaseAndPublishesCreditsPurchasedOnce() {
        String user = newUserId();
        String reference = "BANK-" + UUID.randomUUID();
        Map<String, Object> body = purchase(user, reference);
        double before = counter("creditgate.payments.purchases", "method", "manual");

        HttpResponse<String> created = post(PATH, TOKENS.finance(), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode purchase = json(created);
        assertThat(purchase.get("method").asString()).isEqualTo("manual");
        assertThat(purchase.get("manualMethod").asString()).isEqualTo("bank_transfer");
        assertThat(purchase.get("credits").asLong()).isEqualTo(25_000_000);
        assertThat(purchase.get("currency").asString()).isEqualTo("usd");
        assertThat(purchase.get("status").asString()).isEqualTo("paid");
        assertThat(purchase.get("recordedBy").asString()).isEqualTo("finance@example.com");

        HttpResponse<String> again = post(PATH, TOKENS.admin(), body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("purchaseId").asString()).isEqualTo(purchase.get("purchaseId").asString());

        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user).size() >= 1);
        List<CreditsPurchased> events = EVENTS.paymentEvents(user, CreditsPurchased.class);
        assertThat(events).hasSize(1);
        CreditsPurchased event = events.get(0);
        assertThat(event.getPurchaseId()).isEqualTo(purchase.get("purchaseId").asString());
        assertThat(event.getAmountCredits()).isEqualTo(25_000_000);
        assertThat(event.getPaidAmountMinor()).isEqualTo(2_500);
        assertThat(event.getMethod()).isEqualTo("manual");
        assertThat(event.getReference()).isEqualTo(reference);
        assertThat(counter("creditgate.payments.purchases", "method", "manual")).isEqualTo(before + 1);
    }

    @Test
    void theSameReferenceWithOtherDetailsIsAConflict() {
        String user = newUserId();
        String reference = "PIX-" + UUID.randomUUID();
        assertThat(post(PATH, TOKENS.admin(), purchase(user, reference)).statusCode()).isEqualTo(201);
        Map<String, Object> other = purchase(user, reference);
        other.put("credits", 26_000_000);
        HttpResponse<String> conflict = post(PATH, TOKENS.admin(), other);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(json(conflict).get("error").get("code").asString()).isEqualTo("reference_reused");
        assertThat(json(conflict).get("error").get("message").asString()).contains(reference);
        Map<String, Object> otherUser = purchase(newUserId(), reference);
        assertThat(post(PATH, TOKENS.admin(), otherUser).statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select count(*) from purchase where reference = ?", Long.class, reference)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsWithOneReferenceRecordOnePurchase() throws Exception {
        String user = newUserId();
        Map<String, Object> body = purchase(user, "INV-" + UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> post(PATH, TOKENS.admin(), body).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(200, 201);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        await().atMost(WAIT).until(() -> !EVENTS.paymentEvents(user).isEmpty());
        Thread.sleep(500);
        assertThat(EVENTS.paymentEvents(user, CreditsPurchased.class)).hasSize(1);
    }

    @Test
    void everyBadInputIsAClear400() {
        String user = newUserId();
        assertBad(with(user, "userId", null), "user_missing");
        assertBad(with(user, "userId", "{{LIBRECHAT_USER_ID}}"), "user_unresolved");
        assertBad(with(user, "userId", "two words"), "user_invalid");
        assertBad(with(user, "credits", null), "credits_invalid");
        assertBad(with(user, "credits", 0), "credits_invalid");
        assertBad(with(user, "credits", -5), "credits_invalid");
        assertBad(with(user, "credits", 2_000_000_000_000L), "credits_invalid");
        assertBad(with(user, "amountMinor", null), "amount_invalid");
        assertBad(with(user, "amountMinor", 0), "amount_invalid");
        assertBad(with(user, "currency", null), "currency_invalid");
        assertBad(with(user, "currency", "dollars"), "currency_invalid");
        assertBad(with(user, "currency", "xyz"), "currency_invalid");
        assertBad(with(user, "method", "cash"), "method_invalid");
        assertBad(with(user, "method", null), "method_invalid");
        assertBad(with(user, "reference", " "), "reference_invalid");
        assertBad(with(user, "reference", "x".repeat(201)), "reference_invalid");
        assertBad(with(user, "note", "n".repeat(1001)), "note_invalid");
        assertBad(with(user, "credits", 1.5), "invalid_json");
        HttpResponse<String> notJson = post(PATH, TOKENS.admin(), "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).doesNotContain("Exception").contains("invalid_json");
        assertThat(jdbc.queryForObject("select count(*) from purchase where user_id = ?", Long.class, user)).isZero();
    }

    @Test
    void onlyAdminAndFinanceRecordPurchases() {
        String user = newUserId();
        assertThat(post(PATH, TOKENS.user(user), purchase(user, "R-" + UUID.randomUUID())).statusCode()).isEqualTo(403);
        assertThat(post(PATH, null, purchase(user, "R-" + UUID.randomUUID())).statusCode()).isEqualTo(401);
        assertThat(post(PATH, ADMIN_KEY, purchase(user, "R-" + UUID.randomUUID())).statusCode()).isEqualTo(201);
    }

    @Test
    void refundsOfAManualPurchaseTakeBackExactlyItsCreditsInAll() {
        String user = newUserId();
        Map<String, Object> body = purchase(user, "BANK-" + UUID.randomUUID());
        body.put("credits", 1_000_000);
        body.put("amountMinor", 3);
        String purchaseId = json(post(PATH, TOKENS.admin(), body)).get("purchaseId").asString();
        String refunds = "/api/payments/purchases/" + purchaseId + "/refunds";

        HttpResponse<String> first = post(refunds, TOKENS.finance(), Map.of("amountMinor", 1, "reason", "partial"),
                "Idempotency-Key", "refund-one");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(json(first).get("status").asString()).isEqualTo("refunded");
        assertThat(json(first).get("credits").asLong()).isEqualTo(333_333);
        assertThat(json(first).get("requestedBy").asString()).isEqualTo("finance@example.com");
        // A retry with the same key answers the first request, refunding nothing more.
        HttpResponse<String> retry = post(refunds, TOKENS.finance(), Map.of("amountMinor", 1, "reason", "partial"),
                "Idempotency-Key", "refund-one");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("requestId").asString()).isEqualTo(json(first).get("requestId").asString());
        assertThat(post(refunds, TOKENS.finance(), Map.of("amountMinor", 5, "reason", "other"), "Idempotency-Key",
                "refund-one").statusCode()).isEqualTo(409);

        HttpResponse<String> tooMuch = post(refunds, TOKENS.admin(), Map.of("amountMinor", 3, "reason", "too much"));
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(json(tooMuch).get("error").get("code").asString()).isEqualTo("refund_exceeds_remaining");
        assertThat(json(tooMuch).get("error").get("message").asString()).contains("Only 2 of 3");

        assertThat(post(refunds, TOKENS.admin(), Map.of("amountMinor", 1, "reason", "second")).statusCode()).isEqualTo(201);
        HttpResponse<String> rest = post(refunds, TOKENS.admin(), Map.of("reason", "the rest"));
        assertThat(rest.statusCode()).isEqualTo(201);
        assertThat(json(rest).get("amountMinor").asLong()).isEqualTo(1);
        HttpResponse<String> nothingLeft = post(refunds, TOKENS.admin(), Map.of("reason", "again"));
        assertThat(json(nothingLeft).get("error").get("code").asString()).isEqualTo("purchase_fully_refunded");
        assertThat(post(refunds, TOKENS.admin(), Map.of("amountMinor", 1)).statusCode()).isEqualTo(400);
        assertThat(post("/api/payments/purchases/nope/refunds", TOKENS.admin(), Map.of("reason", "x")).statusCode())
                .isEqualTo(404);
        assertThat(post(refunds, TOKENS.user(user), Map.of("reason", "mine")).statusCode()).isEqualTo(403);

        await().atMost(WAIT).until(() -> EVENTS.paymentEvents(user, CreditsRefunded.class).size() >= 3);
        List<CreditsRefunded> events = EVENTS.paymentEvents(user, CreditsRefunded.class);
        assertThat(events).extracting(CreditsRefunded::getAmountCredits).containsExactly(333_333L, 333_334L, 333_333L);
        assertThat(events.stream().mapToLong(CreditsRefunded::getAmountCredits).sum()).isEqualTo(1_000_000);
        assertThat(events).extracting(CreditsRefunded::getRefundId).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> EVENTS.notices(user).stream().filter(n -> n instanceof PaymentNoticeRaised notice
                && notice.getKind() == PaymentNoticeKind.REFUNDED).count() == 3);

        JsonNode listed = json(get("/api/payments/users/" + user + "/purchases", TOKENS.user(user)));
        JsonNode only = listed.get("purchases").get(0);
        assertThat(only.get("status").asString()).isEqualTo("refunded");
        assertThat(only.get("refundedCredits").asLong()).isEqualTo(1_000_000);
        assertThat(only.get("refunds")).hasSize(3);
    }

    void assertBad(Map<String, Object> body, String code) {
        HttpResponse<String> response = post(PATH, TOKENS.admin(), body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asString()).isEqualTo(code);
        assertThat(json(response).get("error").get("message").asString()).isNotBlank();
    }

    static Map<String, Object> with(String user, String field, Object value) {
        Map<String, Object> body = purchase(user, "REF-" + UUID.randomUUID());
        body.put(field, value);
        return body;
    }

    static Map<String, Object> purchase(String user, String reference) {
        return body("userId", user, "credits", 25_000_000, "amountMinor", 2_500, "currency", "USD",
                "method", "bank_transfer", "reference", reference, "note", "wire of Dec 1st");
    }
}
