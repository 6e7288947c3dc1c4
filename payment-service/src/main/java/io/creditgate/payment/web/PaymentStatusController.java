package io.creditgate.payment.web;

import java.util.List;

import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import io.creditgate.payment.stripe.StripeAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the buy page needs: the packs, and whether card payments are on. */
@RestController
class PaymentStatusController {

    /** The packs on sale, in the catalogue's order. */
    record PackList(List<Pack> packs) {
    }

    /**
     * @param mode {@code stripe} or {@code manual-only}
     * @param checkoutAvailable whether {@code POST /api/payments/checkout} can start a card payment
     * @param buyPage the dashboard's buy page, where Checkout sends the buyer back
     * @param message what the buy page tells a person about how to pay here
     */
    record PaymentStatus(@Schema(allowableValues = {"stripe", "manual-only"}) String mode, boolean checkoutAvailable,
                         String buyPage, String message) {
    }

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
    PackList packs() {
        return new PackList(packs.packs());
    }

    @Operation(summary = "Whether card payments (Stripe) are on, or the service runs in manual-only mode")
    @GetMapping("/api/payments/status")
    PaymentStatus status() {
        boolean enabled = stripe.enabled();
        return new PaymentStatus(enabled ? "stripe" : "manual-only", enabled, links.buyPage(), enabled
                ? "Buy a pack with a card or PIX through Stripe Checkout."
                : "Card payments are not available here; ask an administrator or finance to record your bank"
                        + " transfer, PIX or invoice payment.");
    }
}
