package io.creditgate.schemas;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serde over an {@link EventCodec}; null values stay null (tombstones). */
public final class EventSerde implements Serde<SpecificRecord> {

    private final EventCodec codec;

    public EventSerde(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<SpecificRecord> serializer() {
        return (topic, event) -> event == null ? null : codec.encode(event);
    }

    @Override
    public Deserializer<SpecificRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
    }

    public EventCodec codec() {
        return codec;
    }
}
