package io.creditgate.alert.notification;

import java.time.Instant;

/**
 * One in-app notification of the dashboard.
 *
 * @param kind THRESHOLD_CROSSED, THRESHOLD_RESOLVED, UNUSUAL_SPEND or PAYMENT_<PaymentNoticeKind> (e.g. PAYMENT_TOP_UP_FAILED)
 * @param readAt null while unread
 */
public record Notification(long id, String userId, String alertEventId, String kind, String title, String body,
                           Instant createdAt, Instant readAt) {
}
