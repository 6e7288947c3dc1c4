package io.creditgate.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;

/** Reads {@code creditgate.usage-events} from the start, as the ledger would, and keeps every event seen. */
final class UsageEventsProbe implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();

    UsageEventsProbe(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.USAGE_EVENTS.keys().deserializer(), Topics.USAGE_EVENTS.values().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE_EVENTS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every UsageRecorded of one user seen so far (after one more poll), in partition order. */
    synchronized List<UsageRecorded> of(String userId) {
        consumer.poll(Duration.ofMillis(20)).forEach(seen::add);
        List<UsageRecorded> events = new ArrayList<>();
        for (ConsumerRecord<String, SpecificRecord> record : seen) {
            if (record.key().equals(userId)) {
                events.add((UsageRecorded) record.value());
            }
        }
        return events;
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
