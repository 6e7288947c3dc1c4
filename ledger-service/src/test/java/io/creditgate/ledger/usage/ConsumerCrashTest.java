package io.creditgate.ledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The worst consumer crash on real Kafka: the ledger is stopped in the middle of a burst, after it charged part of
 * it, and its group's offsets are put back to before the burst (as if no commit had ever reached Kafka). On restart
 * every record is delivered again; each balance must still equal the burst's total exactly once.
 */
class ConsumerCrashTest extends LedgerServiceTestBase {

    private static final int USERS = 10;
    private static final int EVENTS = 2_000;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void aConsumerKilledMidBurstAndRewoundChargesEveryUsageExactlyOnce() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add("crash-" + i + "-" + UUID.randomUUID());
        }
        Map<String, Long> expected = new HashMap<>();
        List<UsageRecorded> burst = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String user = users.get(i % USERS);
            long cost = 1 + (i * 7_919L) % 5_000;
            burst.add(usage(user, UUID.randomUUID().toString(), cost));
            expected.merge(user, cost, Long::sum);
        }
        MessageListenerContainer usageConsumer = listeners.getListenerContainer(UsageRecordedListener.LISTENER_ID);
        MessageListenerContainer paymentConsumer = listeners.getListenerContainer("ledger-payments");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.shared().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> beforeBurst = endOffsets(admin);
            double chargedBefore = counter("ledger.usage.charged");
            double duplicatesBefore = counter("ledger.usage.duplicates");

            publish(burst);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> counter("ledger.usage.charged") >= chargedBefore + EVENTS / 10);
            usageConsumer.stop();
            paymentConsumer.stop();
            long chargedAtKill = (long) (counter("ledger.usage.charged") - chargedBefore);
            System.out.printf("consumer crash test: killed after %,d of %,d usage events%n", chargedAtKill, EVENTS);
            assertThat(chargedAtKill).as("killed in the middle of the burst").isBetween(1L, (long) EVENTS - 1);

            // The group (usage and payment consumers share it) empties once both containers have left it: put its usage
            // offsets before the burst, and read them back, so that a stopping consumer's last commit cannot land after
            // the rewind unseen (that would skip a partition's redelivery and look like lost duplicates).
            await().atMost(WAIT).until(() -> admin.describeConsumerGroups(List.of("ledger")).all().get().get("ledger")
                    .groupState() == org.apache.kafka.common.GroupState.EMPTY);
            admin.alterConsumerGroupOffsets("ledger", beforeBurst).all().get();
            Map<TopicPartition, OffsetAndMetadata> rewound = admin.listConsumerGroupOffsets("ledger").partitionsToOffsetAndMetadata().get();
            beforeBurst.forEach((partition, offset) -> assertThat(rewound.get(partition).offset())
                    .as("the rewound offset of %s", partition).isEqualTo(offset.offset()));
            usageConsumer.start();
            paymentConsumer.start();

            await().atMost(Duration.ofMinutes(2)).until(() -> counter("ledger.usage.charged") >= chargedBefore + EVENTS);
            for (String user : users) {
                awaitBalance(user, STARTING_CREDITS - expected.get(user));
            }
            assertThat(counter("ledger.usage.charged") - chargedBefore).isEqualTo(EVENTS);
            assertThat(counter("ledger.usage.duplicates") - duplicatesBefore).isGreaterThanOrEqualTo(chargedAtKill);
            for (String user : users) {
                long statementLines = jdbc.queryForObject(
                        "SELECT count(*) FROM account_transaction WHERE user_id = ? AND type = 'USAGE'", Long.class, user);
                assertThat(statementLines).isEqualTo(EVENTS / USERS);
                await().atMost(WAIT).untilAsserted(() -> assertThat(redisAccount(user))
                        .containsEntry("balance", Long.toString(STARTING_CREDITS - expected.get(user))));
            }
        } finally {
            if (!usageConsumer.isRunning()) {
                usageConsumer.start();
            }
            if (!paymentConsumer.isRunning()) {
                paymentConsumer.start();
            }
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        int partitions = admin.describeTopics(List.of(Topics.USAGE_EVENTS.name())).allTopicNames().get()
                .get(Topics.USAGE_EVENTS.name()).partitions().size();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.USAGE_EVENTS.name(), p), OffsetSpec.latest());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) ->
                offsets.put(partition, new OffsetAndMetadata(info.offset())));
        return offsets;
    }

    private static void publish(List<UsageRecorded> events) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config,
                Topics.USAGE_EVENTS.keys().serializer(), Topics.USAGE_EVENTS.values().serializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (UsageRecorded event : events) {
                acks.add(producer.send(new ProducerRecord<>(Topics.USAGE_EVENTS.name(), event.getUserId(), event)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }
    }
}
