package io.creditgate.payment.checkout;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.LineItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionRetrieveParams;
import io.creditgate.payment.PaymentLinks;
import io.creditgate.payment.notice.Notice;
import io.creditgate.payment.notice.PaymentNotices;
import io.creditgate.payment.purchase.NewPurchase;
import io.creditgate.payment.purchase.PurchaseMetrics;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.payment.stripe.StripeEventHandler;
import io.creditgate.payment.stripe.StripeEvents;
import io.creditgate.schemas.event.PaymentNoticeKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fulfils Checkout (Stripe's guide): whatever the event about a session, the session is retrieved from the API with
 * its line items and PaymentIntent, and credited only when it is {@code paid}, one of ours (an attempt row) and for
 * the amount and currency that attempt asked. The purchase row keyed by the session id makes it happen at most once,
 * whichever of {@code completed} and {@code async_payment_succeeded} comes first, however often. Sessions of other
 * modes, and every session after this, go to the {@link CheckoutSessionListener}s.
 */
@Component
class CheckoutFulfilment implements StripeEventHandler {

    static final String COMPLETED = "checkout.session.completed";
    static final String ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    static final String ASYNC_FAILED = "checkout.session.async_payment_failed";
    private static final Logger log = LoggerFactory.getLogger(CheckoutFulfilment.class);

    private final StripeAccess stripe;
    private final CheckoutAttempts attempts;
    private final Purchases purchases;
    private final PaymentNotices notices;
    private final PurchaseMetrics metrics;
    private final PaymentLinks links;
    private final List<CheckoutSessionListener> listeners;

    CheckoutFulfilment(StripeAccess stripe, CheckoutAttempts attempts, Purchases purchases, PaymentNotices notices,
            PurchaseMetrics metrics, PaymentLinks links, List<CheckoutSessionListener> listeners) {
        this.stripe = stripe;
        this.attempts = attempts;
        this.purchases = purchases;
        this.notices = notices;
        this.metrics = metrics;
        this.links = links;
        this.listeners = listeners;
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(COMPLETED, ASYNC_SUCCEEDED, ASYNC_FAILED);
    }

    @Override
    public void handle(Event event) {
        String sessionId = StripeEvents.objectId(event);
        Session session = StripeCallFailedException.call("retrieving Checkout Session " + sessionId,
                () -> stripe.client().v1().checkout().sessions().retrieve(sessionId, SessionRetrieveParams.builder()
                        .addExpand("line_items").addExpand("payment_intent").addExpand("payment_intent.latest_charge")
                        .build()));
        if ("payment".equals(session.getMode())) {
            fulfil(event, session);
        }
        for (CheckoutSessionListener listener : listeners) {
            listener.onSession(event, session);
        }
    }

    private void fulfil(Event event, Session session) {
        String attemptId = session.getMetadata() != null ? session.getMetadata().get("attemptId") : null;
        Optional<CheckoutAttempt> found = attempts.ofSession(session.getId(), attemptId);
        if (found.isEmpty()) {
            metrics.refused("unknown_session");
            log.warn("Checkout Session {} ({}) was not created by this service: nothing credited", session.getId(),
                    event.getType());
            return;
        }
        CheckoutAttempt attempt = found.get();
        if (ASYNC_FAILED.equals(event.getType()) && !"paid".equals(session.getPaymentStatus())) {
            notices.raise(Notice.toUser("async-payment-failed-" + session.getId(), attempt.userId(),
                    PaymentNoticeKind.ASYNC_PAYMENT_FAILED, session.getId(), attempt.amountMinor(), attempt.currency(),
                    attempt.credits(), links.buyPage(), "The payment did not arrive; no credits were added."));
            metrics.refused("async_payment_failed");
            return;
        }
        if (!"paid".equals(session.getPaymentStatus())) {
            // An async method (PIX, boleto): checkout.session.async_payment_succeeded will follow, or …_failed.
            metrics.refused("unpaid");
            log.info("Checkout Session {} is {} ({}): waiting for its payment", session.getId(),
                    session.getPaymentStatus(), event.getType());
            return;
        }
        String mismatch = mismatch(attempt, session);
        if (mismatch != null) {
            metrics.refused("amount_mismatch");
            log.error("Checkout Session {} of {} credits nothing: {}", session.getId(), attempt.userId(), mismatch);
            return;
        }
        PaymentIntent intent = session.getPaymentIntentObject();
        String intentId = session.getPaymentIntent();
        String chargeId = intent != null ? intent.getLatestCharge() : null;
        Charge charge = intent != null ? intent.getLatestChargeObject() : null;
        boolean recorded = purchases.record(new NewPurchase(session.getId(), attempt.userId(), "checkout",
                attempt.credits(), attempt.amountMinor(), attempt.currency(), intentId != null ? intentId : session.getId(),
                null, intentId, chargeId, charge != null ? charge.getReceiptUrl() : null, attempt.packId(), null, null,
                event.getId()));
        if (recorded) {
            notices.raise(Notice.toUser("purchase-completed-" + session.getId(), attempt.userId(),
                    PaymentNoticeKind.PURCHASE_COMPLETED, session.getId(), attempt.amountMinor(), attempt.currency(),
                    attempt.credits(), charge != null && charge.getReceiptUrl() != null ? charge.getReceiptUrl() : "", ""));
            log.info("Checkout Session {} credited {} credits to {}", session.getId(), attempt.credits(), attempt.userId());
        }
    }

    /** Why the paid session is not what we asked for, or null when it is. */
    private static String mismatch(CheckoutAttempt attempt, Session session) {
        if (session.getAmountTotal() == null || session.getAmountTotal() != attempt.amountMinor()
                || session.getCurrency() == null
                || !session.getCurrency().toLowerCase(Locale.ROOT).equals(attempt.currency())) {
            return "paid " + session.getAmountTotal() + " " + session.getCurrency() + ", the attempt asked "
                    + attempt.amountMinor() + " " + attempt.currency();
        }
        if (session.getLineItems() != null && session.getLineItems().getData() != null) {
            long lines = session.getLineItems().getData().stream().map(LineItem::getAmountTotal)
                    .mapToLong(amount -> amount == null ? 0 : amount).sum();
            if (lines != attempt.amountMinor()) {
                return "its line items total " + lines + ", the attempt asked " + attempt.amountMinor();
            }
        }
        return null;
    }
}
