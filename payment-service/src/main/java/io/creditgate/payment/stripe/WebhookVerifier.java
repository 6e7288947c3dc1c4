package io.creditgate.payment.stripe;

import java.util.List;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.creditgate.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Checks a webhook's {@code Stripe-Signature} against the raw body with stripe-java ({@code Webhook.constructEvent}:
 * HMAC-SHA256 of {@code t + "." + body}, any of the header's {@code v1} signatures, timestamp within the tolerance)
 * for each configured secret, so both secrets work while one is rolled.
 */
@Component
class WebhookVerifier {

    private final StripeProperties properties;

    WebhookVerifier(StripeProperties properties) {
        this.properties = properties;
    }

    /** True when at least one signing secret is configured. */
    boolean configured() {
        return !properties.webhookSecrets().isEmpty();
    }

    /** The verified event; 400 {@code signature_invalid} when no secret verifies it. */
    Event verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw invalid("the Stripe-Signature header is missing");
        }
        List<String> secrets = properties.webhookSecrets();
        long tolerance = properties.webhookTolerance().toSeconds();
        String reason = "no signing secret is configured";
        for (String secret : secrets) {
            try {
                return Webhook.constructEvent(payload, signatureHeader, secret, tolerance);
            } catch (SignatureVerificationException e) {
                reason = e.getMessage();
            } catch (JsonParseException e) {
                // Signed with our secret but not an event: nothing to act on, and Stripe would not send it.
                throw new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "payload_invalid",
                        "the webhook body is not a Stripe event");
            }
        }
        throw invalid(reason);
    }

    private static ApiException invalid(String reason) {
        return ApiException.badRequest("signature_invalid", "The webhook signature could not be verified: " + reason);
    }
}
