package io.creditgate.alert.detection;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the event's own {@code occurredAt}, not when the producer happened to send it: a spool
 * drained after an outage must land in the hour the calls were made.
 */
final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof SpecificRecord event) {
            Schema.Field field = event.getSchema().getField("occurredAt");
            if (field != null && event.get(field.pos()) instanceof java.time.Instant occurredAt && occurredAt.toEpochMilli() > 0) {
                return occurredAt.toEpochMilli();
            }
        }
        return record.timestamp() >= 0 ? record.timestamp() : partitionTime;
    }
}
