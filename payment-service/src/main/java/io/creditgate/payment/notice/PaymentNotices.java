package io.creditgate.payment.notice;

import io.creditgate.payment.outbox.Outbox;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import org.springframework.stereotype.Component;

/**
 * Tells people about payments (a PIX payment that failed, a top-up that needs the card holder, a dispute) through the
 * alert service: the notice goes to {@code creditgate.payment-notices} through the outbox, in the caller's transaction,
 * and the alert service delivers it by email, webhook and dashboard, once per {@code eventId}.
 */
@Component
public class PaymentNotices {

    private final Outbox outbox;

    PaymentNotices(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Raises the notice; it is published if and only if the caller's transaction commits. */
    public void raise(PaymentNoticeRaised notice) {
        outbox.append(Topics.PAYMENT_NOTICES, notice.getUserId(), notice);
    }
}
