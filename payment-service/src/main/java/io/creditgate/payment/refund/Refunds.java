package io.creditgate.payment.refund;

import java.util.Optional;
import java.util.UUID;

import com.stripe.exception.InvalidRequestException;
import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import io.creditgate.payment.purchase.Purchase;
import io.creditgate.payment.purchase.Purchases;
import io.creditgate.payment.stripe.StripeAccess;
import io.creditgate.payment.stripe.StripeCallFailedException;
import io.creditgate.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds asked for by admin or finance. A Stripe purchase is refunded through Stripe ({@code POST /v1/refunds}, with
 * an idempotency key from the request) and its credits are taken back when {@code charge.refunded} arrives, like a
 * refund made in Stripe's dashboard; a manual purchase's money went back outside Creditgate, so its credits are taken
 * back at once. Either way the request is kept with who asked and why, and a retry with the same
 * {@code Idempotency-Key} answers the first request instead of refunding twice.
 */
@Component
class Refunds {

    static final int MAX_REASON = 500;

    private final JdbcTemplate jdbc;
    private final Purchases purchases;
    private final RefundLedger ledger;
    private final StripeAccess stripe;
    private final TransactionTemplate transaction;

    Refunds(JdbcTemplate jdbc, Purchases purchases, RefundLedger ledger, StripeAccess stripe,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.purchases = purchases;
        this.ledger = ledger;
        this.stripe = stripe;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The request's answer and whether it was this call that made it (201/202) or an earlier one (200). */
    record Outcome(RefundAnswer answer, boolean created, boolean viaStripe) {
    }

    Outcome refund(String purchaseId, RefundRequest request, String actor, String clientKey) {
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > MAX_REASON) {
            throw ApiException.badRequest("reason_invalid", "A reason of 1 to " + MAX_REASON + " characters is required");
        }
        if (request.amountMinor() != null && request.amountMinor() <= 0) {
            throw ApiException.badRequest("amount_invalid", "amountMinor must be above zero (or absent: all that remains)");
        }
        Purchase purchase = purchases.find(purchaseId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "purchase_not_found", "There is no purchase '" + purchaseId + "'"));
        String key = "refund:" + purchaseId + ":" + (clientKey != null ? clientKey : UUID.randomUUID().toString());
        Optional<RefundAnswer> earlier = byKey(key);
        if (earlier.isPresent()) {
            return new Outcome(sameOrConflict(earlier.get(), request), false, purchase.viaStripe());
        }
        return purchase.viaStripe() ? viaStripe(purchase, request, actor, key) : manual(purchase, request, actor, key);
    }

    private Outcome viaStripe(Purchase purchase, RefundRequest request, String actor, String key) {
        Charge charge = charge(purchase);
        long refunded = charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded();
        long amount = checkedAmount(purchase, request, charge.getAmount() - refunded, charge.getAmount());
        String requestId = "rr_" + UUID.randomUUID().toString().replace("-", "");
        if (!insertRequest(requestId, key, purchase, amount, request.reason(), actor)) {
            return new Outcome(sameOrConflict(byKey(key).orElseThrow(), request), false, true);
        }
        Refund refund;
        try {
            refund = StripeCallFailedException.call("refunding charge " + charge.getId(),
                    () -> stripe.client().v1().refunds().create(RefundCreateParams.builder()
                            .setCharge(charge.getId())
                            .setAmount(amount)
                            .putMetadata("purchaseId", purchase.purchaseId())
                            .putMetadata("requestId", requestId)
                            .putMetadata("requestedBy", actor)
                            .build(), RequestOptions.builder().setIdempotencyKey("creditgate-refund-" + requestId).build()));
        } catch (StripeCallFailedException e) {
            if (e.getCause() instanceof InvalidRequestException) {
                // Stripe refused it for good: forget the request so the same key can be used again once fixed.
                jdbc.update("delete from refund_request where request_id = ?", requestId);
            }
            throw e;
        }
        jdbc.update("update refund_request set stripe_refund_id = ? where request_id = ?", refund.getId(), requestId);
        return new Outcome(byKey(key).orElseThrow(), true, true);
    }

    private Outcome manual(Purchase unlocked, RefundRequest request, String actor, String key) {
        return transaction.execute(status -> {
            Purchase purchase = purchases.lock(unlocked.purchaseId()).orElseThrow();
            long refunded = purchases.refundedMinor(purchase.purchaseId());
            long amount = checkedAmount(purchase, request, purchase.amountMinor() - refunded, purchase.amountMinor());
            String requestId = "rr_" + UUID.randomUUID().toString().replace("-", "");
            if (!insertRequest(requestId, key, purchase, amount, request.reason(), actor)) {
                return new Outcome(sameOrConflict(byKey(key).orElseThrow(), request), false, false);
            }
            long cumulative = refunded + amount;
            String refundId = purchase.purchaseId() + ":refunded:" + cumulative;
            ledger.refundUpTo(purchase, cumulative, refundId, "refund-" + requestId, request.reason(), actor);
            jdbc.update("update refund_request set refund_id = ? where request_id = ?", refundId, requestId);
            return new Outcome(byKey(key).orElseThrow(), true, false);
        });
    }

    private static long checkedAmount(Purchase purchase, RefundRequest request, long remaining, long total) {
        if (remaining <= 0) {
            throw ApiException.badRequest("purchase_fully_refunded",
                    "Purchase " + purchase.purchaseId() + " is refunded in full already");
        }
        long amount = request.amountMinor() != null ? request.amountMinor() : remaining;
        if (amount > remaining) {
            throw ApiException.badRequest("refund_exceeds_remaining", "Only " + remaining + " of " + total + " "
                    + purchase.currency() + " (minor units) remain refundable on purchase " + purchase.purchaseId()
                    + "; asked " + amount);
        }
        return amount;
    }

    private Charge charge(Purchase purchase) {
        String chargeId = purchase.chargeId();
        if (chargeId == null) {
            PaymentIntent intent = StripeCallFailedException.call("retrieving PaymentIntent " + purchase.paymentIntentId(),
                    () -> stripe.client().v1().paymentIntents().retrieve(purchase.paymentIntentId()));
            chargeId = intent.getLatestCharge();
            if (chargeId == null) {
                throw ApiException.conflict("purchase_not_charged",
                        "Stripe shows no charge for purchase " + purchase.purchaseId() + " to refund");
            }
        }
        String id = chargeId;
        return StripeCallFailedException.call("retrieving charge " + id, () -> stripe.client().v1().charges().retrieve(id));
    }

    private boolean insertRequest(String requestId, String key, Purchase purchase, long amount, String reason, String actor) {
        return jdbc.update("insert into refund_request (request_id, idempotency_key, purchase_id, amount_minor, reason,"
                + " requested_by) values (?, ?, ?, ?, ?, ?) on conflict (idempotency_key) do nothing", requestId, key,
                purchase.purchaseId(), amount, reason, actor) == 1;
    }

    private static RefundAnswer sameOrConflict(RefundAnswer earlier, RefundRequest request) {
        boolean same = earlier.reason().equals(request.reason())
                && (request.amountMinor() == null || request.amountMinor() == earlier.amountMinor());
        if (!same) {
            throw ApiException.conflict("idempotency_key_reused",
                    "This Idempotency-Key was used for another refund request; use a new key");
        }
        return earlier;
    }

    private Optional<RefundAnswer> byKey(String key) {
        return jdbc.query("select q.request_id, q.purchase_id, q.amount_minor, p.currency, coalesce(r.credits, 0),"
                + " q.stripe_refund_id, q.refund_id, q.requested_by, q.reason from refund_request q"
                + " join purchase p on p.purchase_id = q.purchase_id left join refund r on r.refund_id = q.refund_id"
                + " where q.idempotency_key = ?", (rs, n) -> new RefundAnswer(rs.getString(1), rs.getString(2),
                rs.getString(7) != null ? "refunded" : "pending", rs.getLong(3), rs.getString(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), key).stream().findFirst();
    }
}
