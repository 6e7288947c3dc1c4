package io.creditgate.payment.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.payment.ManualModeTestBase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A person sees their own purchases; finance filters every one and takes them as CSV that parses back exactly. */
class PurchaseListingTest extends ManualModeTestBase {

    @Test
    void aPersonSeesTheirOwnPurchasesAndNobodyElses() {
        String ana = newUserId();
        String purchaseId = record(ana, 5_000_000, "bank_transfer", "plain note");
        record(newUserId(), 7_000_000, "pix", null);

        HttpResponse<String> own = get("/api/payments/users/" + ana + "/purchases", TOKENS.user(ana));
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode listed = json(own);
        assertThat(listed.get("total").asLong()).isEqualTo(1);
        assertThat(listed.get("purchases").get(0).get("purchaseId").asString()).isEqualTo(purchaseId);
        assertThat(listed.get("purchases").get(0).get("refunds")).isEmpty();
        assertThat(listed.get("purchases").get(0).get("disputes")).isEmpty();
        assertThat(listed.get("purchases").get(0).has("receiptUrl")).isTrue();

        assertThat(get("/api/payments/users/" + ana + "/purchases", TOKENS.user(newUserId())).statusCode()).isEqualTo(403);
        assertThat(get("/api/payments/users/" + ana + "/purchases", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/payments/users/" + ana + "/purchases", TOKENS.finance()).statusCode()).isEqualTo(200);
        assertThat(get("/api/payments/purchases", TOKENS.user(ana)).statusCode()).isEqualTo(403);
        assertThat(get("/api/payments/refunds", TOKENS.user(ana)).statusCode()).isEqualTo(403);
        assertThat(get("/api/payments/disputes", TOKENS.user(ana)).statusCode()).isEqualTo(403);
    }

    @Test
    void financeFiltersAndPages() {
        String bob = newUserId();
        record(bob, 1_000_000, "pix", null);
        record(bob, 2_000_000, "invoice", null);
        String refunded = record(bob, 3_000_000, "bank_transfer", null);
        assertThat(post("/api/payments/purchases/" + refunded + "/refunds", TOKENS.admin(),
                Map.of("reason", "duplicate transfer")).statusCode()).isEqualTo(201);

        JsonNode all = json(get("/api/payments/purchases?userId=" + bob, TOKENS.finance()));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        JsonNode firstPage = json(get("/api/payments/purchases?userId=" + bob + "&size=2&page=0", TOKENS.finance()));
        JsonNode secondPage = json(get("/api/payments/purchases?userId=" + bob + "&size=2&page=1", TOKENS.finance()));
        assertThat(firstPage.get("purchases")).hasSize(2);
        assertThat(secondPage.get("purchases")).hasSize(1);
        assertThat(json(get("/api/payments/purchases?userId=" + bob + "&status=refunded", TOKENS.admin()))
                .get("purchases").get(0).get("purchaseId").asString()).isEqualTo(refunded);
        assertThat(json(get("/api/payments/purchases?userId=" + bob + "&status=paid&method=manual", TOKENS.admin()))
                .get("total").asLong()).isEqualTo(2);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(json(get("/api/payments/purchases?userId=" + bob + "&from=" + today + "&to=" + today, TOKENS.admin()))
                .get("total").asLong()).isEqualTo(3);
        assertThat(json(get("/api/payments/purchases?userId=" + bob + "&to=2020-01-01", TOKENS.admin()))
                .get("total").asLong()).isZero();
        JsonNode refunds = json(get("/api/payments/refunds?userId=" + bob, TOKENS.finance()));
        assertThat(refunds.get("refunds")).hasSize(1);
        assertThat(refunds.get("refunds").get(0).get("credits").asLong()).isEqualTo(3_000_000);
        assertThat(refunds.get("refunds").get(0).get("reason").asString()).isEqualTo("duplicate transfer");
        assertThat(refunds.get("refunds").get(0).get("requestedBy").asString()).isEqualTo("admin@example.com");
        assertThat(json(get("/api/payments/disputes?userId=" + bob, TOKENS.finance())).get("total").asLong()).isZero();

        assertBad("/api/payments/purchases?status=lost", "status_invalid");
        assertBad("/api/payments/purchases?method=cash", "method_invalid");
        assertBad("/api/payments/purchases?from=yesterday", "from_invalid");
        assertBad("/api/payments/purchases?size=0", "size_invalid");
        assertBad("/api/payments/purchases?page=-1", "page_invalid");
        assertBad("/api/payments/purchases?format=xml", "format_invalid");
        assertBad("/api/payments/disputes?status=paid", "status_invalid");
    }

    @Test
    void csvParsesBackWithTheSameValues() throws IOException {
        String carla = newUserId();
        String tricky = "paid, \"late\"\nsecond line; ünïcödé";
        String purchaseId = record(carla, 9_000_000, "invoice", tricky);

        HttpResponse<String> csv = get("/api/payments/purchases?userId=" + carla + "&format=csv", TOKENS.finance());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).hasSize(1);
        CSVRecord row = rows.get(0);
        assertThat(row.get("purchase_id")).isEqualTo(purchaseId);
        assertThat(row.get("user_id")).isEqualTo(carla);
        assertThat(row.get("method")).isEqualTo("manual");
        assertThat(row.get("manual_method")).isEqualTo("invoice");
        assertThat(row.get("credits")).isEqualTo("9000000");
        assertThat(row.get("amount_minor")).isEqualTo("900");
        assertThat(row.get("status")).isEqualTo("paid");
        assertThat(row.get("note")).isEqualTo(tricky);

        HttpResponse<String> own = get("/api/payments/users/" + carla + "/purchases?format=csv", TOKENS.user(carla));
        assertThat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(own.body())).getRecords()).hasSize(1);
        HttpResponse<String> refunds = get("/api/payments/refunds?userId=" + carla + "&format=csv", TOKENS.finance());
        assertThat(refunds.body().lines().findFirst().orElse("")).startsWith("refund_id,purchase_id,user_id");
    }

    void assertBad(String path, String code) {
        HttpResponse<String> response = get(path, TOKENS.finance());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asString()).isEqualTo(code);
    }

    String record(String user, long credits, String method, String note) {
        HttpResponse<String> created = post("/api/payments/manual-purchases", TOKENS.admin(), body("userId", user,
                "credits", credits, "amountMinor", credits / 10_000, "currency", "usd", "method", method,
                "reference", "REF-" + UUID.randomUUID(), "note", note));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("purchaseId").asString();
    }
}
