package io.creditgate.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import io.creditgate.payment.PaymentServiceTestBase;
import io.creditgate.payment.StripeSigning;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.platform.embedded.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook's signature check on the raw body, with two secrets configured (a roll in progress): a valid event is
 * recorded once; a forged, stale, wrong-secret, unsigned or re-serialised one is 400 with nothing recorded; a handler
 * that fails rolls the event back (500) so Stripe's redelivery is processed. The Stripe API is unreachable here on
 * purpose: none of this needs it.
 */
class WebhookSignatureTest extends PaymentServiceTestBase {

    static final String OLD_SECRET = "whsec_old_" + UUID.randomUUID();
    static final String NEW_SECRET = "whsec_new_" + UUID.randomUUID();
    static final String DATABASE_URL = LocalPostgres.shared().createDatabase();
    static final String WEBHOOK = "/api/payments/stripe/webhook";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infrastructure(registry, DATABASE_URL, LocalKafka.shared().bootstrapServers());
        registry.add("creditgate.stripe.secret-key", () -> "sk_test_signature_only");
        registry.add("creditgate.stripe.webhook-secret", () -> OLD_SECRET + ", " + NEW_SECRET);
        // Nothing listens there: a handler that calls Stripe fails.
        registry.add("creditgate.stripe.api-base", () -> "http://127.0.0.1:9");
        registry.add("creditgate.stripe.max-network-retries", () -> "0");
    }

    @Test
    void acceptsAnEventSignedWithEitherSecretAndRecordsItOnce() {
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSigning.event(eventId, "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}");

        HttpResponse<String> first = deliver(payload, StripeSigning.header(payload, NEW_SECRET));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("status").asString()).isEqualTo("ignored");
        HttpResponse<String> again = deliver(payload, StripeSigning.header(payload, OLD_SECRET));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asString()).isEqualTo("already_processed");
        assertThat(recorded(eventId)).isEqualTo(1);
        assertThat(counter("creditgate.payments.webhooks", "type", "customer.created", "outcome", "already_processed"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void acceptsAHeaderWithSeveralSignaturesWhenOneOfThemIsValid() {
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSigning.event(eventId, "customer.created", "{\"id\": \"cus_2\", \"object\": \"customer\"}");
        String header = StripeSigning.header(payload, Instant.now().getEpochSecond(), "whsec_someone_elses", NEW_SECRET);
        assertThat(deliver(payload, header).statusCode()).isEqualTo(200);
        assertThat(recorded(eventId)).isEqualTo(1);
    }

    @Test
    void refusesForgedStaleWrongSecretAndUnsignedEventsRecordingNothing() {
        String eventId = "evt_" + UUID.randomUUID();
        String payload = StripeSigning.event(eventId, "checkout.session.completed",
                "{\"id\": \"cs_forged\", \"object\": \"checkout.session\", \"payment_status\": \"paid\"}");
        long now = Instant.now().getEpochSecond();
        double refusedBefore = counter("creditgate.payments.webhooks", "type", "unverified", "outcome", "signature_invalid");

        assertRefused(payload, StripeSigning.header(payload, "whsec_wrong"));
        assertRefused(payload, StripeSigning.header(payload, now - 301, NEW_SECRET));
        assertRefused(payload, null);
        assertRefused(payload, "");
        assertRefused(payload, "t=" + now);
        assertRefused(payload, "garbage");
        // Signed, then changed: the body is not what was signed.
        assertRefused(payload.replace("cs_forged", "cs_other"), StripeSigning.header(payload, NEW_SECRET));
        // The same JSON re-serialised (whitespace differs) no longer verifies: the raw bytes are what counts.
        assertRefused(payload.replace(": ", ":"), StripeSigning.header(payload, NEW_SECRET));
        assertRefused("", StripeSigning.header("", NEW_SECRET).replace("v1=", "v0="));

        assertThat(recorded(eventId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from purchase", Long.class)).isZero();
        assertThat(counter("creditgate.payments.webhooks", "type", "unverified", "outcome", "signature_invalid"))
                .isEqualTo(refusedBefore + 9);
    }

    void assertRefused(String payload, String signature) {
        HttpResponse<String> response = deliver(payload, signature);
        assertThat(response.statusCode()).as("signature %s", signature).isEqualTo(400);
        assertThat(json(response).get("error").get("code").asString()).isEqualTo("signature_invalid");
    }

    HttpResponse<String> deliver(String payload, String signature) {
        HttpRequest.Builder request = request(WEBHOOK, null).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload));
        if (signature != null) {
            request.header("Stripe-Signature", signature);
        }
        return send(request.build());
    }

    long recorded(String eventId) {
        return jdbc.queryForObject("select count(*) from stripe_event where event_id = ?", Long.class, eventId);
    }
}
