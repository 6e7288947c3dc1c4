package io.creditgate.payment.notice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.creditgate.schemas.event.PaymentNoticeAudience;
import io.creditgate.schemas.event.PaymentNoticeKind;
import io.creditgate.schemas.event.PaymentNoticeRaised;

/** Builds notices; the eventId must be derived from what the notice is about, so a redelivery raises the same one. */
public final class Notice {

    private Notice() {
    }

    /** A notice to the account's owner. */
    public static PaymentNoticeRaised toUser(String eventId, String userId, PaymentNoticeKind kind, String paymentId,
            long amountMinor, String currency, long credits, String actionUrl, String detail) {
        return of(eventId, userId, kind, PaymentNoticeAudience.USER, paymentId, amountMinor, currency, credits, actionUrl,
                detail);
    }

    /** A notice to every admin and finance contact, about {@code userId}'s account. */
    public static PaymentNoticeRaised toStaff(String eventId, String userId, PaymentNoticeKind kind, String paymentId,
            long amountMinor, String currency, long credits, String detail) {
        return of(eventId, userId, kind, PaymentNoticeAudience.ADMINS_AND_FINANCE, paymentId, amountMinor, currency,
                credits, "", detail);
    }

    private static PaymentNoticeRaised of(String eventId, String userId, PaymentNoticeKind kind,
            PaymentNoticeAudience audience, String paymentId, long amountMinor, String currency, long credits,
            String actionUrl, String detail) {
        return PaymentNoticeRaised.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setUserId(userId)
                .setKind(kind)
                .setAudience(audience)
                .setPaymentId(paymentId == null ? "" : paymentId)
                .setAmountMinor(amountMinor)
                .setCurrency(currency == null ? "usd" : currency)
                .setCredits(credits)
                .setActionUrl(actionUrl == null ? "" : actionUrl)
                .setDetail(detail == null ? "" : detail)
                .build();
    }
}
