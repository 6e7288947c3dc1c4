package io.creditgate.schemas;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * A Kafka topic with its key and value serdes. Every Creditgate topic is keyed by user id so
 * that one user's events stay ordered on one partition.
 *
 * @param name the topic name
 * @param values the serde of the events it carries
 */
public record Topic(String name, EventSerde values) {

    public Serde<String> keys() {
        return Serdes.String();
    }

    public EventCodec codec() {
        return values.codec();
    }

    static Topic of(String name, EventCodec codec) {
        return new Topic(name, new EventSerde(codec));
    }

    @Override
    public String toString() {
        return name;
    }
}
