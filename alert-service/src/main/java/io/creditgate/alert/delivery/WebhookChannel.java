package io.creditgate.alert.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * POSTs alerts to users' webhooks, signed like Stripe signs its own: {@code X-Creditgate-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. The receiver recomputes the HMAC over the raw
 * body and refuses old timestamps; {@code X-Creditgate-Delivery} (the idempotency key) lets it drop a repeat.
 */
@Component
class WebhookChannel {

    static final String SIGNATURE_HEADER = "X-Creditgate-Signature";
    static final String DELIVERY_HEADER = "X-Creditgate-Delivery";

    private final DeliveryProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(DeliveryProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        // Redirects are not followed: a signed alert goes where the user said, nowhere else.
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhook().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    SendResult send(String url, String body, String secret, String deliveryId) {
        if (secret == null || secret.isBlank()) {
            return SendResult.refused("the user's webhook has no signing secret");
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.webhook().timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Creditgate-Alerts/1")
                    .header(DELIVERY_HEADER, deliveryId)
                    .header(SIGNATURE_HEADER, "t=" + timestamp + ",v1=" + sign(secret, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            return SendResult.refused("not a usable webhook URL: " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String answer;
            try (InputStream in = response.body()) {
                answer = new String(in.readNBytes(properties.webhook().maxResponseBytes()), StandardCharsets.UTF_8);
            }
            int status = response.statusCode();
            String detail = "HTTP " + status + (answer.isBlank() ? "" : ": " + answer.strip());
            if (status >= 200 && status < 300) {
                return SendResult.accepted(detail);
            }
            return status == 408 || status == 425 || status == 429 || status >= 500 ? SendResult.retry(detail)
                    : SendResult.refused(detail);
        } catch (IOException e) {
            return SendResult.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted");
        }
    }

    /** Hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
