package io.creditgate.alert.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditgate.alert.contact.Contact;
import io.creditgate.alert.contact.Contacts;
import io.creditgate.alert.kafka.ListenerContainers;
import io.creditgate.alert.notification.Notifications;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the alert topic (committed transactions only) and the payment service's notices, and turns each into planned
 * deliveries and the in-app notification, in one PostgreSQL transaction, before the offset is committed. A redelivered
 * alert or notice finds its idempotency keys taken and plans nothing again.
 */
@Component
class AlertListener {

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final Contacts contacts;
    private final Notifications notifications;
    private final DeliveryPlanner planner;
    private final DeliveryLog deliveries;
    private final DeliveryDispatcher dispatcher;
    private final DeliveryMetrics metrics;
    private final TransactionTemplate tx;
    private final Clock clock;

    AlertListener(Contacts contacts, Notifications notifications, DeliveryPlanner planner, DeliveryLog deliveries,
                  DeliveryDispatcher dispatcher, DeliveryMetrics metrics, TransactionTemplate tx, Clock clock) {
        this.contacts = contacts;
        this.notifications = notifications;
        this.planner = planner;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        this.tx = tx;
        this.clock = clock;
    }

    @KafkaListener(id = "alert-delivery", groupId = "${creditgate.alerts.delivery.group:alert-delivery}",
            containerFactory = ListenerContainers.ALERTS, autoStartup = "${creditgate.alerts.delivery.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).ALERT_EVENTS.name()}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        deliver(record);
    }

    @KafkaListener(id = "payment-notice-delivery", groupId = "${creditgate.alerts.delivery.group:alert-delivery}",
            containerFactory = ListenerContainers.PAYMENT_NOTICES, autoStartup = "${creditgate.alerts.delivery.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).PAYMENT_NOTICES.name()}")
    void onPaymentNotice(ConsumerRecord<String, SpecificRecord> record) {
        deliver(record);
    }

    private void deliver(ConsumerRecord<String, SpecificRecord> record) {
        Alert alert = Alert.of(record.value());
        if (alert == null) {
            log.warn("skipped a record that is no alert at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        metrics.fired(alert);
        Instant now = clock.instant();
        Contact contact = contacts.get(alert.userId());
        List<PlannedDelivery> planned = planner.plan(alert, contact, now);
        List<Channel> added = tx.execute(transaction -> {
            for (PlannedDelivery delivery : planned) {
                if (delivery.channel() == Channel.IN_APP && delivery.skipReason() == null) {
                    notifications.add(alert.userId(), alert.eventId(), kindOf(alert), delivery.subject(), delivery.body(), now);
                }
            }
            return deliveries.plan(alert, planned, now);
        });
        planned.stream().filter(delivery -> added.contains(delivery.channel())).forEach(delivery ->
                metrics.delivery(delivery.channel(), delivery.skipReason() != null ? DeliveryStatus.SKIPPED
                        : delivery.channel() == Channel.IN_APP ? DeliveryStatus.SENT : DeliveryStatus.PENDING));
        if (added.isEmpty() && !planned.isEmpty()) {
            log.debug("alert {} was planned before; nothing to do", alert.eventId());
        } else if (!added.isEmpty()) {
            dispatcher.wake();
        }
    }

    private static String kindOf(Alert alert) {
        return switch (alert.type()) {
            case Alert.CROSSED -> "THRESHOLD_CROSSED";
            case Alert.RESOLVED -> "THRESHOLD_RESOLVED";
            case Alert.PAYMENT -> "PAYMENT_" + ((io.creditgate.schemas.event.PaymentNoticeRaised) alert.event()).getKind();
            default -> "UNUSUAL_SPEND";
        };
    }
}
