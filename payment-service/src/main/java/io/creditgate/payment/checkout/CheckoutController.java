package io.creditgate.payment.checkout;

import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import io.creditgate.payment.web.BuyerAccount;
import io.creditgate.web.ApiException;
import io.creditgate.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Starts a Stripe Checkout for a pack, for an account the caller owns. */
@RestController
class CheckoutController {

    static final int MAX_IDEMPOTENCY_KEY = 200;

    private final PackCatalog packs;
    private final CheckoutSessions sessions;

    CheckoutController(PackCatalog packs, CheckoutSessions sessions) {
        this.packs = packs;
        this.sessions = sessions;
    }

    @Operation(summary = "Start a Stripe Checkout for a pack; answers the hosted page's URL")
    @PostMapping("/api/payments/checkout")
    CheckoutStarted checkout(Caller caller, @RequestBody CheckoutRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey) {
        if (request.packId() == null || request.packId().isBlank()) {
            throw ApiException.badRequest("pack_missing", "packId is required (see GET /api/payments/packs)");
        }
        Pack pack = packs.find(request.packId()).orElseThrow(() -> ApiException.badRequest("pack_unknown",
                "There is no pack '" + request.packId() + "' (see GET /api/payments/packs)"));
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY
                || !idempotencyKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw ApiException.badRequest("idempotency_key_invalid",
                    "The Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY + " printable ASCII characters");
        }
        return sessions.start(BuyerAccount.resolve(caller, request.userId(), false), pack, idempotencyKey, caller.actor(), null);
    }
}
