package io.creditgate.ledger.replay;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.LedgerJournalEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Reads the journal topic from offset 0 up to a snapshot of the event store ({@link StoredJournal.Cut}): an entry of an
 * account the snapshot knows is kept up to that account's version, an entry of an account it does not know only if its
 * global index is inside the snapshot (a later account is simply newer; an older one is an account the event store lost).
 * Reading stops once the topic's end (taken at the start) is reached and every account of the snapshot reached its
 * version, or {@code wait} after the end was reached: the publisher may still be catching up.
 */
final class JournalTopic {

    private final Map<String, Object> config;
    private final Duration wait;

    JournalTopic(KafkaProperties properties, Duration wait) {
        Map<String, Object> config = new HashMap<>(properties.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-audit-replay");
        this.config = config;
        this.wait = wait;
    }

    /**
     * What was read besides the entries handed on.
     *
     * @param repeated entries published again after a crash (a sequence already handed on), skipped
     */
    record Read(long entries, long repeated, long afterCut, List<Unreadable> unreadable) {
    }

    /** A record of the topic that is not a journal entry. */
    record Unreadable(String key, int partition, long offset, String reason) {
    }

    /**
     * Hands every entry inside the cut to {@code sink}, in topic order.
     *
     * @throws ReplayUnavailableException when Kafka cannot be reached or the topic does not exist
     */
    Read read(StoredJournal.Cut cut, Consumer<JournalEntry> sink) {
        String topic = Topics.LEDGER_JOURNAL.name();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<String> behind = new HashSet<>(cut.versions().keySet());
            Map<String, Long> handedOn = new HashMap<>();
            long entries = 0;
            long repeated = 0;
            long afterCut = 0;
            List<Unreadable> unreadable = new ArrayList<>();
            long giveUpAt = Long.MAX_VALUE;
            while (true) {
                boolean atEnd = atEnd(consumer, end);
                if (atEnd && behind.isEmpty()) {
                    break;
                }
                if (atEnd && giveUpAt == Long.MAX_VALUE) {
                    giveUpAt = System.nanoTime() + wait.toNanos();
                } else if (atEnd && System.nanoTime() - giveUpAt > 0) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    JournalEntry entry = entry(record, unreadable);
                    if (entry == null) {
                        continue;
                    }
                    Long version = cut.versions().get(entry.userId());
                    if (version == null ? entry.globalIndex() > cut.maxGlobalIndex() : entry.sequence() > version) {
                        afterCut++;
                        continue;
                    }
                    Long last = handedOn.put(entry.userId(), entry.sequence());
                    if (last != null && entry.sequence() <= last) {
                        handedOn.put(entry.userId(), last);
                        repeated++;
                        continue;
                    }
                    if (version != null && entry.sequence() == version) {
                        behind.remove(entry.userId());
                    }
                    entries++;
                    sink.accept(entry);
                }
            }
            return new Read(entries, repeated, afterCut, unreadable);
        } catch (org.apache.kafka.common.KafkaException unreachable) {
            throw new ReplayUnavailableException("could not read the journal topic " + topic + " from Kafka at "
                    + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + unreachable.getMessage(), unreachable);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new ReplayUnavailableException("the journal topic " + topic + " does not exist on Kafka at "
                    + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + "; the ledger publishes it (decision 34), or replay the event store "
                    + "alone with --creditgate.replay.source=EVENT_STORE");
        }
        List<TopicPartition> partitions = new ArrayList<>(infos.size());
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        return partitions;
    }

    private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static JournalEntry entry(ConsumerRecord<byte[], byte[]> record, List<Unreadable> unreadable) {
        String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!(Topics.LEDGER_JOURNAL.codec().decode(record.value()) instanceof LedgerJournalEntry journal)) {
                throw new IllegalArgumentException("not a LedgerJournalEntry");
            }
            return new JournalEntry(journal.getUserId(), journal.getSequence(), journal.getEventType(),
                    journal.getPreviousHash(), bytes(journal.getPayload()), journal.getGlobalIndex());
        } catch (RuntimeException bad) {
            unreadable.add(new Unreadable(key, record.partition(), record.offset(), bad.getMessage()));
            return null;
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
