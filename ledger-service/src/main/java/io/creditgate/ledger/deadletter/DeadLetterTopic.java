package io.creditgate.ledger.deadletter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topic;
import io.creditgate.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads the whole dead-letter topics (usage, payment), from offset 0 to the end they had when the read began, without a consumer group
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
            List<TopicPartition> partitions = new ArrayList<>();
            for (Topic topic : List.of(Topics.USAGE_DEAD_LETTER, Topics.PAYMENT_DEAD_LETTER)) {
                consumer.partitionsFor(topic.name(), READ_TIMEOUT)
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new LinkedHashMap<>(consumer.endOffsets(partitions, READ_TIMEOUT));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!caughtUp(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the dead-letter topics to their end within "
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
        Topic source = Topics.sourceOf(record.topic());
        SpecificRecord event = decode(source, record.value());
        String id = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.ID);
        if (id == null) {
            id = event != null ? DeadLetters.field(event, "eventId")
                    : DeadLetterHeaders.positionId(record.topic(), record.partition(), record.offset());
        }
        String userId = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.USER_ID);
        if (userId == null) {
            userId = event != null ? DeadLetters.field(event, "userId") : record.key();
        }
        String reason = DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.REASON);
        return new DeadLetter(source, id, userId, reason == null ? "unknown" : reason,
                DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.MESSAGE),
                instant(DeadLetterHeaders.text(record.headers(), DeadLetterHeaders.AT)),
                record.topic() + "-" + record.partition() + "@" + record.offset(), event);
    }

    private static SpecificRecord decode(Topic source, byte[] value) {
        try {
            return value == null ? null : source.codec().decode(value);
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
