package io.creditgate.ledger.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the whole dead-letter topic, from offset 0 to the end it had when the read began, without a consumer group
 * (nothing is committed, any number of readers agree). A record dead-lettered twice (a redelivery before the ledger's
 * commit) is one dead letter: the first copy is kept.
 */
@Component
class DeadLetterTopic {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private final KafkaProperties kafka;

    DeadLetterTopic(KafkaProperties kafka) {
        this.kafka = kafka;
    }

    /** Every dead letter, in topic order per partition; throws when the topic cannot be read within two minutes. */
    List<DeadLetter> readAll() {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, DeadLetter> letters = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.USAGE_DEAD_LETTER.name(), READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.USAGE_DEAD_LETTER + " to its end within "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    DeadLetter letter = of(record);
                    letters.putIfAbsent(letter.id(), letter);
                }
            }
        }
        return new ArrayList<>(letters.values());
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
        return ends.isEmpty();
    }

    static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        UsageRecorded usage = decode(record.value());
        String id = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ID);
        if (id == null) {
            id = usage != null ? usage.getEventId() : DeadLetterHeaders.positionId(record.topic(), record.partition(),
                    record.offset());
        }
        String userId = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.USER_ID);
        if (userId == null) {
            userId = usage != null ? usage.getUserId() : record.key();
        }
        String reason = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REASON);
        return new DeadLetter(id, userId, reason == null ? "unknown" : reason,
                DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.MESSAGE),
                instant(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.AT)),
                record.partition() + "@" + record.offset(), usage);
    }

    private static UsageRecorded decode(byte[] value) {
        try {
            return value == null ? null : (UsageRecorded) Topics.USAGE_DEAD_LETTER.codec().decode(value);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
