package io.creditgate.payment.refund;

import io.creditgate.web.ApiException;
import io.creditgate.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Refunds by admin or finance; the actor is the caller's token, never a header. */
@RestController
class RefundController {

    private final Refunds refunds;

    RefundController(Refunds refunds) {
        this.refunds = refunds;
    }

    @Operation(summary = "Refund a purchase (all that remains, or amountMinor); 201 refunded (manual), 202 pending"
            + " Stripe's charge.refunded (Stripe), 200 a retry of an earlier request with the same Idempotency-Key")
    @ApiResponse(responseCode = "201", description = "Refunded (a manual purchase)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RefundAnswer.class)))
    @ApiResponse(responseCode = "202", description = "Asked of Stripe; done at its charge.refunded", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RefundAnswer.class)))
    @ApiResponse(responseCode = "200", description = "A retry of an earlier request with the same Idempotency-Key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RefundAnswer.class)))
    @PostMapping("/api/payments/purchases/{purchaseId}/refunds")
    ResponseEntity<RefundAnswer> refund(Caller caller, @PathVariable String purchaseId,
            @RequestBody RefundRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.badRequest("idempotency_key_invalid", "The Idempotency-Key must be 1 to 200 characters");
        }
        Refunds.Outcome outcome = refunds.refund(purchaseId, request, caller.actor(), idempotencyKey);
        HttpStatus status = !outcome.created() ? HttpStatus.OK
                : outcome.viaStripe() ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
        return ResponseEntity.status(status).body(outcome.answer());
    }
}
