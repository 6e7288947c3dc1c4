package io.creditgate.alert.pricing;

import java.time.ZoneOffset;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.creditgate.alert.delivery.AdminNotices;
import io.creditgate.alert.kafka.ListenerContainers;
import io.creditgate.schemas.event.UsageRecorded;

/**
 * Tells the admins when the gateway charged a model it has no price for at the operator's default rate
 * ({@code creditgate.pricing.unpriced-models=default-rate}): such calls are never free, and never silent. One email
 * per model and UTC day, whatever the number of calls: the notice id is the delivery log's idempotency key, so calls
 * after the first (and redeliveries) plan nothing again.
 */
@Component
class UnpricedModelListener {

    static final String TYPE = "UnpricedModelCharged";
    /** {@code UsageRecorded.priceVersion} of a call charged at the default rate. */
    static final String DEFAULT_RATE = "default";
    private static final Logger log = LoggerFactory.getLogger(UnpricedModelListener.class);

    private final AdminNotices notices;

    UnpricedModelListener(AdminNotices notices) {
        this.notices = notices;
    }

    @KafkaListener(id = "alert-unpriced-models", groupId = "${creditgate.alerts.delivery.unpriced-group:alert-unpriced-models}",
            containerFactory = ListenerContainers.USAGE, autoStartup = "${creditgate.alerts.delivery.enabled:true}",
            topics = "#{T(io.creditgate.schemas.Topics).USAGE_EVENTS.name()}")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (!(record.value() instanceof UsageRecorded usage) || !DEFAULT_RATE.equals(usage.getPriceVersion())) {
            return;
        }
        AdminNotices.Notice notice = notice(usage);
        if (notices.email(notice)) {
            log.warn("Model '{}' has no price and was charged at the default rate; the admins are emailed", usage.getModel());
        }
    }

    static AdminNotices.Notice notice(UsageRecorded usage) {
        String day = usage.getOccurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String model = usage.getModel();
        String subject = "[Creditgate] Model " + model + " has no price: charged at the default rate (" + day + ")";
        String body = "The gateway served a call of the model \"" + model + "\", which has no price, and charged it at"
                + " the default rate (creditgate.pricing.default-price): " + usage.getCostCredits() + " credits for "
                + usage.getPromptTokens() + " input and " + usage.getCompletionTokens() + " output tokens, user \""
                + usage.getUserId() + "\", request " + usage.getRequestId() + ".\n\n"
                + "Every call of this model is charged the same way until it has a price. Price it on the dashboard's"
                + " Prices page (or POST /api/admin/price-changes on the gateway), or alias it to the model it is"
                + " (action ALIAS). You are told once per model and day.\n";
        return new AdminNotices.Notice("unpriced:" + model + ":" + day, TYPE, usage.getUserId(), usage.getOccurredAt(),
                subject, body);
    }
}
