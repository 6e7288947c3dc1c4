package io.creditgate.payment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook payloads exactly as Stripe does: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.payload" keyed with the endpoint's whole secret>}, one {@code v1} per secret.
 */
public final class StripeSigning {

    private StripeSigning() {
    }

    public static String header(String payload, long timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=").append(timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp + "." + payload));
        }
        return header.toString();
    }

    public static String header(String payload, String... secrets) {
        return header(payload, Instant.now().getEpochSecond(), secrets);
    }

    public static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Stripe event as the API renders it, around {@code objectJson}. */
    public static String event(String eventId, String type, String objectJson) {
        return event(eventId, type, objectJson, com.stripe.Stripe.API_VERSION);
    }

    public static String event(String eventId, String type, String objectJson, String apiVersion) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": %d, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": %s}}""".formatted(eventId, apiVersion, Instant.now().getEpochSecond(), type, objectJson);
    }
}
