package io.creditgate.alert.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Emails to the admins ({@code creditgate.alerts.delivery.admin-emails}) about something other than a user's alert,
 * through the same delivery log and workers as alerts (decision 29): one {@code ADMIN_EMAIL} row per notice id, so a
 * notice read twice is planned once and sent at most once, with the same retries and the same admin view
 * ({@code GET /api/admin/deliveries}).
 */
@Component
public class AdminNotices {

    private final DeliveryLog deliveries;
    private final DeliveryDispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final Clock clock;

    AdminNotices(DeliveryLog deliveries, DeliveryDispatcher dispatcher, DeliveryMetrics metrics,
            DeliveryProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * A notice for the admins.
     *
     * @param id unique per notice (the idempotency key's first half); a notice with an id seen before is not planned
     * @param type what it is about, e.g. {@code UsageDeadLettered} (the delivery log's alert type)
     * @param userId the user it concerns; never null
     * @param occurredAt when it happened: a notice older than {@code max-alert-age} is logged SKIPPED, not sent
     */
    public record Notice(String id, String type, String userId, Instant occurredAt, String subject, String body) {
    }

    /**
     * Plans the email in the delivery log and wakes the workers. With no admin address configured, or a notice too
     * old, the row is logged SKIPPED with the reason instead.
     *
     * @return true when planned now, false when the notice was planned before
     */
    public boolean email(Notice notice) {
        Instant now = clock.instant();
        PlannedDelivery delivery;
        if (properties.adminEmails().isEmpty()) {
            delivery = PlannedDelivery.skipped(Channel.ADMIN_EMAIL,
                    "no admin address (creditgate.alerts.delivery.admin-emails, env CREDITGATE_ALERT_ADMIN_EMAILS)");
        } else if (Duration.between(notice.occurredAt(), now).compareTo(properties.maxAlertAge()) > 0) {
            delivery = PlannedDelivery.skipped(Channel.ADMIN_EMAIL,
                    "older than creditgate.alerts.delivery.max-alert-age (" + properties.maxAlertAge() + ")");
        } else {
            delivery = new PlannedDelivery(Channel.ADMIN_EMAIL, String.join(",", properties.adminEmails()),
                    notice.subject(), notice.body(), null);
        }
        boolean planned = deliveries.insert(notice.id(), notice.type(), notice.userId(), notice.occurredAt(), delivery, now);
        if (planned) {
            metrics.delivery(Channel.ADMIN_EMAIL, delivery.skipReason() != null ? DeliveryStatus.SKIPPED : DeliveryStatus.PENDING);
            if (delivery.skipReason() == null) {
                dispatcher.wake();
            }
        }
        return planned;
    }
}
