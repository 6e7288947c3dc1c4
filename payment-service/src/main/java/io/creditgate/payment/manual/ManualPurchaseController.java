package io.creditgate.payment.manual;

import io.creditgate.payment.purchase.PurchaseView;
import io.creditgate.payment.purchase.PurchaseViews;
import io.creditgate.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Manual purchases by admin or finance (phase 1: no Stripe needed). */
@RestController
class ManualPurchaseController {

    private final ManualPurchases manual;
    private final PurchaseViews views;

    ManualPurchaseController(ManualPurchases manual, PurchaseViews views) {
        this.manual = manual;
        this.views = views;
    }

    @Operation(summary = "Record a purchase paid by bank transfer, PIX or invoice: 201 recorded, 200 the same"
            + " reference and details recorded before, 409 the reference recorded with other details")
    @ApiResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PurchaseView.class)))
    @ApiResponse(responseCode = "200", description = "The same reference and details were recorded before",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurchaseView.class)))
    @PostMapping("/api/payments/manual-purchases")
    ResponseEntity<PurchaseView> record(Caller caller, @RequestBody ManualPurchaseRequest request) {
        ManualPurchases.Recorded recorded = manual.record(request, caller.actor());
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(views.of(recorded.purchase().purchaseId()));
    }
}
