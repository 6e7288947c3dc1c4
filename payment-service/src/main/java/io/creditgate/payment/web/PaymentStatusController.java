package io.creditgate.payment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import io.creditgate.payment.stripe.StripeAccess;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the buy page needs: the packs, and whether card payments are on. */
@RestController
class PaymentStatusController {

    private final PackCatalog packs;
    private final StripeAccess stripe;
    private final PaymentLinks links;

    PaymentStatusController(PackCatalog packs, StripeAccess stripe, PaymentLinks links) {
        this.packs = packs;
        this.stripe = stripe;
        this.links = links;
    }

    @Operation(summary = "The credit packs on sale (1 credit = 1 micro-USD; prices in the currency's minor unit)")
    @GetMapping("/api/payments/packs")
    Map<String, List<Pack>> packs() {
        return Map.of("packs", packs.packs());
    }

    @Operation(summary = "Whether card payments (Stripe) are on, or the service runs in manual-only mode")
    @GetMapping("/api/payments/status")
    Map<String, Object> status() {
        boolean enabled = stripe.enabled();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("mode", enabled ? "stripe" : "manual-only");
        status.put("checkoutAvailable", enabled);
        status.put("buyPage", links.buyPage());
        status.put("message", enabled ? "Buy a pack with a card or PIX through Stripe Checkout."
                : "Card payments are not available here; ask an administrator or finance to record your bank"
                        + " transfer, PIX or invoice payment.");
        return status;
    }
}
