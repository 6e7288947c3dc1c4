package io.creditgate.payment.stripe;

import java.nio.charset.StandardCharsets;

import com.stripe.model.Event;
import io.creditgate.web.ApiError;
import io.creditgate.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stripe's webhook endpoint. Public: the signature is its authentication. The body is read as the exact bytes Stripe
 * sent (a re-serialised JSON would not verify), checked, then handed to the dispatcher; 2xx only once the event's
 * effects are committed, 500 when the handler failed (Stripe retries for up to three days).
 */
@RestController
class StripeWebhookController {

    static final String PATH = "/api/payments/stripe/webhook";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    /**
     * Stripe's 2xx: what became of the event.
     *
     * @param status {@code processed}, {@code ignored} (no handler takes its type) or {@code already_processed}
     * @param eventId Stripe's event id ({@code evt_…})
     */
    record WebhookAck(@Schema(allowableValues = {"processed", "ignored", "already_processed"}) String status,
                      String eventId) {
    }

    private final WebhookVerifier verifier;
    private final WebhookDispatcher dispatcher;
    private final WebhookMetrics metrics;

    StripeWebhookController(WebhookVerifier verifier, WebhookDispatcher dispatcher, WebhookMetrics metrics) {
        this.verifier = verifier;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
    }

    @Operation(summary = "Stripe webhook endpoint (signed by Stripe; no bearer token)")
    @ApiResponse(responseCode = "200", description = "The event's effects are committed", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhookAck.class)))
    @PostMapping(PATH)
    ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(value = "Stripe-Signature", required = false) String signature) {
        if (!verifier.configured()) {
            metrics.count(WebhookMetrics.UNVERIFIED, WebhookOutcome.NOT_CONFIGURED);
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "stripe_not_configured",
                    "no webhook signing secret is configured (STRIPE_WEBHOOK_SECRET)");
        }
        Event event;
        try {
            event = verifier.verify(new String(body != null ? body : new byte[0], StandardCharsets.UTF_8), signature);
        } catch (ApiException e) {
            metrics.count(WebhookMetrics.UNVERIFIED, WebhookOutcome.SIGNATURE_INVALID);
            log.warn("Stripe webhook refused: {}", e.getMessage());
            throw e;
        }
        if (StripeEvents.otherApiVersion(event)) {
            // Handlers re-read every object through the pinned client, so the payload's version does not matter;
            // counted so an operator can pin the endpoint to stripe-java's version.
            metrics.otherApiVersion(event.getApiVersion());
        }
        try {
            WebhookOutcome outcome = dispatcher.dispatch(event);
            metrics.count(event.getType(), outcome);
            return ResponseEntity.ok(new WebhookAck(outcome.tag(), event.getId()));
        } catch (RuntimeException e) {
            metrics.count(event.getType(), WebhookOutcome.FAILED);
            log.error("Stripe event {} ({}) failed and was rolled back; Stripe will deliver it again", event.getId(),
                    event.getType(), e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ApiError.of(
                    "the event could not be processed now; it was not recorded, so a redelivery will be processed",
                    "event_failed"));
        }
    }
}
