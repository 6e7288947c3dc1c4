package io.creditgate.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.creditgate.console.Browser;
import io.creditgate.platform.embedded.stripe.DemoStripe;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 on the running platform, as people meet it: a person opens the console's buy page (where 402s and alert
 * emails send them), picks a pack, pays on the demo Stripe's hosted page with Stripe's test card, comes back, and the
 * balance has risen by the pack's credits within two seconds; finance records a bank transfer, once however often it
 * is sent.
 */
@ExtendWith(TestPlatform.class)
class PlatformPaymentTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PURCHASE_VISIBLE_WITHIN = Duration.ofSeconds(2);

    private static Platform platform;

    @BeforeAll
    static void usePlatform() {
        platform = TestPlatform.platform();
    }

    @Test
    void aPersonBuysAPackOnTheDemoCheckoutPageAndTheBalanceRisesByItsCreditsWithinTwoSeconds() throws Exception {
        String bia = "bia-" + UUID.randomUUID() + "@example.com";
        Browser person = PlatformPeople.invite(platform, PlatformPeople.signedInAdmin(platform), bia, "[\"user\"]",
                "bia-password-" + UUID.randomUUID(), secret -> { });
        long before = balanceAfterAChat(person, bia);
        JsonNode pack = person.get("/api/payments/packs").expectStatus(200).json().path("packs").get(0);
        long credits = pack.path("credits").asLong();
        assertThat(credits).isPositive();

        // The dashboard's buy page calls this; the old /buy address leads to that page.
        assertThat(person.get("/buy?checkout=cancelled").expectStatus(302).location()).endsWith("/app/buy?checkout=cancelled");
        Browser.Response started = person.postJson("/api/payments/checkout", "{\"packId\":\"" + pack.path("id").asString() + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String checkoutUrl = started.json().path("url").asString();
        assertThat(checkoutUrl).startsWith(platform.demoStripe().baseUrl() + "/c/pay/cs_");

        Browser.Response checkoutPage = person.get(checkoutUrl).expectStatus(200);
        assertThat(checkoutPage.body()).contains("Card number", ">Pay<");
        Browser.Response paid = person.postForm(checkoutUrl, Map.of("card_number", "4242 4242 4242 4242"));
        long paidAt = System.nanoTime();
        assertThat(paid.status()).as(paid.body()).isEqualTo(303);
        assertThat(paid.header("Location")).startsWith(platform.consoleUrl() + "/app/buy?checkout=success");

        await().atMost(PURCHASE_VISIBLE_WITHIN).pollInterval(Duration.ofMillis(50))
                .until(() -> balance(person, bia) == before + credits);
        Duration visibleAfter = Duration.ofNanos(System.nanoTime() - paidAt);
        assertThat(visibleAfter).isLessThanOrEqualTo(PURCHASE_VISIBLE_WITHIN);

        JsonNode purchases = person.get("/api/payments/users/" + bia + "/purchases").expectStatus(200).json().path("purchases");
        assertThat(purchases).hasSize(1);
        assertThat(purchases.get(0).path("credits").asLong()).isEqualTo(credits);
        // Nothing is credited twice, however often Stripe tells it: the balance stays put.
        Thread.sleep(1_000);
        assertThat(balance(person, bia)).isEqualTo(before + credits);
    }

    @Test
    void financeRecordsABankTransferOnceHoweverOftenItIsSentAndAStrangerCannot() throws Exception {
        Browser admin = PlatformPeople.signedInAdmin(platform);
        String caio = "caio-" + UUID.randomUUID() + "@example.com";
        Browser person = PlatformPeople.invite(platform, admin, caio, "[\"user\"]", "caio-password-" + UUID.randomUUID(), secret -> { });
        Browser finance = PlatformPeople.invite(platform, admin, "fin-" + UUID.randomUUID() + "@example.com", "[\"finance\"]",
                "fin-password-" + UUID.randomUUID(), secret -> { });
        long before = balanceAfterAChat(person, caio);
        String purchase = """
                {"userId":"%s","credits":25000000,"amountMinor":12500,"currency":"brl","method":"pix","reference":"PIX-%s"}
                """.formatted(caio, UUID.randomUUID());

        Browser.Response first = finance.postJson("/api/payments/manual-purchases", purchase);
        assertThat(first.status()).as(first.body()).isIn(200, 201);
        Browser.Response again = finance.postJson("/api/payments/manual-purchases", purchase);
        assertThat(again.status()).as(again.body()).isIn(200, 201);
        assertThat(again.json().path("purchaseId").asString()).isEqualTo(first.json().path("purchaseId").asString());
        assertThat(person.postJson("/api/payments/manual-purchases", purchase).status()).isEqualTo(403);
        assertThat(anonymousPost(platform.paymentUrl() + "/api/payments/manual-purchases", purchase)).isEqualTo(401);

        await().atMost(Duration.ofSeconds(10)).until(() -> balance(person, caio) == before + 25_000_000);
        Thread.sleep(1_000);
        assertThat(balance(person, caio)).isEqualTo(before + 25_000_000);
    }

    @Test
    void aPartialRefundAndALostDisputeTakeBackExactlyWhatThePurchaseStillHad() throws Exception {
        Browser admin = PlatformPeople.signedInAdmin(platform);
        String dora = "dora-" + UUID.randomUUID() + "@example.com";
        Browser person = PlatformPeople.invite(platform, admin, dora, "[\"user\"]", "dora-password-" + UUID.randomUUID(), secret -> { });
        long before = balanceAfterAChat(person, dora);
        String sessionId = person.postJson("/api/payments/checkout", "{\"packId\":\"starter\"}").expectStatus(200)
                .json().path("sessionId").asString();
        assertThat(platform.demoStripe().payCheckout(sessionId, "4242424242424242")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(person, dora) == before + 5_000_000);

        // Finance gives back 2 of the 5 USD: 2,000,000 of the pack's credits go, the rest stays.
        admin.postJson("/api/payments/purchases/" + sessionId + "/refunds", "{\"amountMinor\":200,\"reason\":\"asked\"}")
                .expectStatus(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(person, dora) == before + 3_000_000);

        // The card holder disputes the whole charge: the pack's 3,000,000 unspent credits are held, then lost for good.
        String chargeId = person.get("/api/payments/users/" + dora + "/purchases").expectStatus(200).json()
                .path("purchases").get(0).path("chargeId").asString();
        String disputeId = platform.demoStripe().openDispute(chargeId);
        await().atMost(Duration.ofSeconds(10)).until(() -> balance(person, dora) == before);
        platform.demoStripe().closeDispute(disputeId, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> "dispute_lost".equals(person.get("/api/payments/users/" + dora
                + "/purchases").json().path("purchases").get(0).path("status").asString()));
        Thread.sleep(1_000);
        assertThat(balance(person, dora)).isEqualTo(before);
        assertThat(person.get("/api/accounts/" + dora + "/transactions").expectStatus(200).body())
                .contains("DISPUTE_LOST", "refund of purchase " + sessionId);
    }

    @Test
    void aSubscriptionPutsThePersonOnItsPlanWithItsAllowanceAndItsEndTakesThemBack() throws Exception {
        String eva = "eva-" + UUID.randomUUID() + "@example.com";
        Browser person = PlatformPeople.invite(platform, PlatformPeople.signedInAdmin(platform), eva, "[\"user\"]",
                "eva-password-" + UUID.randomUUID(), secret -> { });
        long before = balanceAfterAChat(person, eva);
        String url = person.postJson("/api/payments/subscriptions/checkout", "{\"offerId\":\"pro-monthly-usd\"}")
                .expectStatus(200).json().path("url").asString();
        String sessionId = url.substring(url.lastIndexOf('/') + 1);
        assertThat(platform.demoStripe().payCheckout(sessionId, "4242424242424242")).isEqualTo(DemoStripe.CheckoutOutcome.PAID);

        await().atMost(Duration.ofSeconds(10)).until(() -> "pro".equals(person.get("/api/accounts/" + eva).json().path("planId").asString()));
        assertThat(balance(person, eva)).isEqualTo(before + 20_000_000);
        String subscriptionId = person.get("/api/payments/users/" + eva + "/subscription").expectStatus(200).json()
                .path("subscriptionId").asString();

        platform.demoStripe().endSubscription(subscriptionId);
        await().atMost(Duration.ofSeconds(10)).until(() -> !"pro".equals(person.get("/api/accounts/" + eva).json().path("planId").asString()));
    }

    /** A chat opens the account (as LibreChat's first message does); the balance after it is settled. */
    private static long balanceAfterAChat(Browser person, String user) throws Exception {
        HttpResponse<String> chat = PlatformPeople.chat(platform, user);
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Browser.Response account = person.get("/api/accounts/" + user);
            return account.status() == 200 && account.json().path("balanceCredits").asLong() < TestPlatform.STARTING_CREDITS;
        });
        return balance(person, user);
    }

    private static long balance(Browser person, String user) {
        return person.get("/api/accounts/" + user).expectStatus(200).json().path("balanceCredits").asLong();
    }

    private static int anonymousPost(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
