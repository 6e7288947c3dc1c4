package io.creditgate.payment.topup;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import com.stripe.model.PaymentIntent;
import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.notice.Notice;
import io.creditgate.payment.notice.PaymentNotices;
import io.creditgate.payment.purchase.NewPurchase;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.schemas.event.AccountBalanceChanged;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Auto top-up from a balance change to the credit: claim in PostgreSQL ({@link TopUpClaims}), charge at Stripe outside
 * any transaction ({@link TopUpCharges}), then record Stripe's answer in one transaction with what it causes (the
 * purchase and its {@code CreditsPurchased} in the outbox, the user's notice). Recording is idempotent by the claim's
 * state, so the synchronous answer, a recovery and a later {@code payment_intent.*} webhook credit a charge once.
 */
@Component
class TopUps {

    static final String METHOD = "auto_top_up";
    private static final String AUTHENTICATION_REQUIRED = "authentication_required";
    private static final Logger log = LoggerFactory.getLogger(TopUps.class);

    private final TopUpClaims claims;
    private final TopUpCharges charges;
    private final TopUpStore store;
    private final AuthenticationCheckouts authentication;
    private final Purchases purchases;
    private final PaymentLinks links;
    private final PaymentNotices notices;
    private final TopUpMetrics metrics;
    private final TopUpProperties properties;
    private final TransactionTemplate transaction;
    private final StripeAccess stripe;

    TopUps(TopUpClaims claims, TopUpCharges charges, TopUpStore store, AuthenticationCheckouts authentication,
           Purchases purchases, PaymentLinks links, PaymentNotices notices, TopUpMetrics metrics,
           TopUpProperties properties, TransactionTemplate transaction, StripeAccess stripe) {
        this.claims = claims;
        this.charges = charges;
        this.store = store;
        this.authentication = authentication;
        this.purchases = purchases;
        this.links = links;
        this.notices = notices;
        this.metrics = metrics;
        this.properties = properties;
        this.transaction = transaction;
        this.stripe = stripe;
    }

    /** Reacts to one balance change: at most one charge, however often and wherever the change is delivered. */
    void onBalance(AccountBalanceChanged balance) {
        if (!stripe.enabled()) {
            return; // manual-only mode: no card can be charged, so nothing is claimed
        }
        Optional<TopUpClaim> claim = claims.claimFor(balance);
        claim.ifPresent(this::charge);
    }

    /** Sends a claim to Stripe (again, for a recovery: the idempotency key makes it the same charge) and records. */
    void charge(TopUpClaim claim) {
        metrics.started();
        settle(claim, charges.charge(claim));
    }

    /** Sends a claim left pending again; Stripe answers with the charge the first send made, if it made one. */
    void resend(TopUpClaim claim) {
        settle(claim, charges.charge(claim));
    }

    /** Records Stripe's answer about a claim; joins the caller's transaction (a webhook's) or runs its own. */
    void settle(TopUpClaim claim, TopUpCharges.Answer answer) {
        if (answer.unknown()) {
            return;
        }
        PaymentIntent intent = answer.intent();
        String status = intent == null ? null : intent.getStatus();
        if ("succeeded".equals(status)) {
            transaction.executeWithoutResult(tx -> succeeded(claim, intent));
        } else if (answer.code() == null && "processing".equals(status)) {
            log.info("Top-up {} is processing at Stripe; payment_intent.succeeded will finish it", claim.idempotencyKey());
        } else if (AUTHENTICATION_REQUIRED.equals(answer.code()) || "requires_action".equals(status)) {
            String url = authentication.linkFor(claim);
            transaction.executeWithoutResult(tx -> unsuccessful(claim, intent, TopUpStatus.NEEDS_AUTHENTICATION,
                    AUTHENTICATION_REQUIRED, answer.message(), url));
        } else {
            String code = answer.code() == null ? "status_" + status : answer.code();
            transaction.executeWithoutResult(tx -> unsuccessful(claim, intent, TopUpStatus.FAILED, code,
                    answer.message(), ""));
        }
    }

    private void succeeded(TopUpClaim claim, PaymentIntent intent) {
        String eventId = purchaseEventId(claim);
        if (!store.markSucceeded(claim, intent.getId(), eventId)) {
            return;
        }
        // A purchase like any other (refunds and disputes find it by its PaymentIntent and charge), announced as
        // CreditsPurchased through the outbox; its id is the PaymentIntent's, so it is recorded once whatever path
        // (answer, recovery, webhook) reports the charge.
        purchases.record(new NewPurchase(intent.getId(), claim.userId(), METHOD, claim.credits(), claim.amountMinor(),
                claim.currency(), intent.getId(), null, intent.getId(), intent.getLatestCharge(), null, claim.packId(),
                null, null, eventId));
        notices.raise(notice(claim, PaymentNoticeKind.TOP_UP_COMPLETED, intent.getId(), "", ""));
        store.resetFailures(claim.userId());
        metrics.succeeded();
        log.info("Top-up {} succeeded: {} credits for {} {} ({})", claim.idempotencyKey(), claim.credits(),
                claim.amountMinor(), claim.currency(), intent.getId());
    }

    private void unsuccessful(TopUpClaim claim, PaymentIntent intent, TopUpStatus status, String code, String message,
                              String actionUrl) {
        if (!store.markUnsuccessful(claim, status, intent == null ? null : intent.getId(), code, message, actionUrl)) {
            return;
        }
        metrics.failed(code);
        String paymentId = intent == null ? claim.idempotencyKey() : intent.getId();
        PaymentNoticeKind kind = status == TopUpStatus.NEEDS_AUTHENTICATION
                ? PaymentNoticeKind.TOP_UP_NEEDS_AUTHENTICATION : PaymentNoticeKind.TOP_UP_FAILED;
        notices.raise(notice(claim, kind, paymentId, actionUrl, message == null ? "" : message));
        int failures = store.countFailure(claim.userId());
        log.info("Top-up {} {} ({}): {} in a row", claim.idempotencyKey(), status, code, failures);
        if (failures >= properties.maxFailuresInARow() && store.disable(claim.userId())) {
            metrics.disabled();
            notices.raise(notice(claim, PaymentNoticeKind.TOP_UP_DISABLED, paymentId, links.buyPage(),
                    failures + " automatic top-ups in a row did not go through; switch it on again once the card works"));
        }
    }

    private PaymentNoticeRaised notice(TopUpClaim claim, PaymentNoticeKind kind, String paymentId, String actionUrl,
                                       String detail) {
        return Notice.toUser(eventId(kind.name(), claim), claim.userId(), kind, paymentId, claim.amountMinor(),
                claim.currency(), claim.credits(), actionUrl, detail);
    }

    /** Name-based, so what one claim causes has the same id however often it is recorded. */
    private static String eventId(String what, TopUpClaim claim) {
        return UUID.nameUUIDFromBytes((what + ":" + claim.idempotencyKey()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The eventId the {@code CreditsPurchased} of a claim carries (and the ledger names as the balance's cause). */
    static String purchaseEventId(TopUpClaim claim) {
        return eventId("CreditsPurchased", claim);
    }
}
