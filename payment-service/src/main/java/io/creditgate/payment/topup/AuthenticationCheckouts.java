package io.creditgate.payment.topup;

import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.checkout.CheckoutSessions;
import io.creditgate.payment.pack.Pack;
import io.creditgate.payment.pack.PackCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The link a user gets when the bank wants them to confirm a top-up: a Checkout Session buying the same pack, on
 * session, where the card holder can authenticate. It is an ordinary pack purchase made through the checkout feature
 * (its attempt keyed by the claim, so one link per claim however often the answer is recorded) and fulfilled by it
 * like any other; the off-session charge it replaces took no money.
 */
@Component
class AuthenticationCheckouts {

    static final String ACTOR = "auto-top-up";
    private static final Logger log = LoggerFactory.getLogger(AuthenticationCheckouts.class);

    private final CheckoutSessions sessions;
    private final PackCatalog packs;
    private final PaymentLinks links;

    AuthenticationCheckouts(CheckoutSessions sessions, PackCatalog packs, PaymentLinks links) {
        this.sessions = sessions;
        this.packs = packs;
        this.links = links;
    }

    /** The session's URL; the buy page when no session can be made now (the user can buy the pack there). */
    String linkFor(TopUpClaim claim) {
        // The claim's own amount and credits: the pack may have been repriced since; the user confirms what was due.
        Pack pack = new Pack(claim.packId(), packs.find(claim.packId()).map(Pack::name).orElse("Credits"),
                claim.credits(), claim.amountMinor(), claim.currency());
        try {
            return sessions.start(claim.userId(), pack, claim.idempotencyKey() + ":authenticate", ACTOR,
                    params -> params.setCustomer(claim.customerId())).url();
        } catch (RuntimeException e) {
            log.warn("Top-up {}: no confirmation Checkout ({}); the notice links the buy page", claim.idempotencyKey(),
                    e.getMessage());
            return links.buyPage();
        }
    }
}
