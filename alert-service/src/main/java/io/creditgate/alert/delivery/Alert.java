package io.creditgate.alert.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.creditgate.schemas.event.PaymentNoticeAudience;
import io.creditgate.schemas.event.PaymentNoticeRaised;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One alert event of the alert topic, or one notice of the payment-notices topic, with what every channel needs to know
 * about it.
 *
 * @param event the Avro record itself (its fields become the webhook payload)
 */
record Alert(String type, String eventId, String userId, Instant occurredAt, SpecificRecord event) {

    static final String CROSSED = "ThresholdCrossed";
    static final String RESOLVED = "ThresholdResolved";
    static final String UNUSUAL = "UnusualSpend";
    static final String PAYMENT = "PaymentNotice";

    /** Null for a record that is no alert. */
    static Alert of(SpecificRecord event) {
        if (event instanceof ThresholdCrossed crossed) {
            return new Alert(CROSSED, crossed.getEventId(), crossed.getUserId(), crossed.getOccurredAt(), event);
        }
        if (event instanceof ThresholdResolved resolved) {
            return new Alert(RESOLVED, resolved.getEventId(), resolved.getUserId(), resolved.getOccurredAt(), event);
        }
        if (event instanceof UnusualSpend unusual) {
            return new Alert(UNUSUAL, unusual.getEventId(), unusual.getUserId(), unusual.getOccurredAt(), event);
        }
        if (event instanceof PaymentNoticeRaised notice) {
            return new Alert(PAYMENT, notice.getEventId(), notice.getUserId(), notice.getOccurredAt(), event);
        }
        return null;
    }

    /** "UTILISATION:8000", "LOW_BALANCE:100000", "UNUSUAL_SPEND" or "PAYMENT:TOP_UP_FAILED": the metric tag. */
    String threshold() {
        if (event instanceof PaymentNoticeRaised notice) {
            return "PAYMENT:" + notice.getKind();
        }
        if (event instanceof ThresholdCrossed crossed) {
            return crossed.getThresholdKind() + ":" + crossed.getThresholdValue();
        }
        if (event instanceof ThresholdResolved resolved) {
            return resolved.getThresholdKind() + ":" + resolved.getThresholdValue();
        }
        return "UNUSUAL_SPEND";
    }

    /**
     * Crossings and resolutions that are not the most severe of their change are only for dashboards reading the
     * topic: a jump from 40 % to 100 %, or a grant that brings it back, is told once.
     */
    boolean tellsTheUser() {
        if (event instanceof PaymentNoticeRaised notice) {
            return notice.getAudience() == PaymentNoticeAudience.USER;
        }
        if (event instanceof ThresholdCrossed crossed) {
            return crossed.getMostSevere();
        }
        return !(event instanceof ThresholdResolved resolved) || resolved.getMostSevere();
    }

    /** Admins get a copy when a user has nothing left, and of unusual spend. */
    boolean copiesAdmins() {
        return event instanceof UnusualSpend
                || (event instanceof ThresholdCrossed crossed && crossed.getMostSevere()
                        && crossed.getThresholdKind().equals("UTILISATION") && crossed.getThresholdValue() >= 10_000);
    }

    /** A payment notice for the admins and finance (a dispute): told to them only, never to the user. */
    boolean forStaffOnly() {
        return event instanceof PaymentNoticeRaised notice && notice.getAudience() == PaymentNoticeAudience.ADMINS_AND_FINANCE;
    }

    /** Emails are for news that asks for action; a resolution only updates the dashboard and webhooks. */
    boolean emailsTheUser() {
        return tellsTheUser() && !(event instanceof ThresholdResolved);
    }

    /** The event's fields by name, times as ISO-8601 strings: the body of the CREDITGATE webhook. */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", type);
        for (Schema.Field field : event.getSchema().getFields()) {
            Object value = event.get(field.pos());
            fields.put(field.name(), value instanceof Instant instant ? (instant.toEpochMilli() == 0 ? null : instant.toString())
                    : value instanceof CharSequence text ? text.toString() : value);
        }
        return fields;
    }
}
