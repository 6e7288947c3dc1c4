package io.creditgate.ledger.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.creditgate.ledger.LedgerApplication;
import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Usage the ledger cannot fold, on the real embedded Kafka and PostgreSQL: it lands on the dead-letter topic with its
 * reason (never skipped silently, never for a transient failure), the poll's other records are charged, and the
 * {@code dead-letters} command re-ingests it once.
 */
class DeadLetterTest extends LedgerServiceTestBase {

    @Autowired
    DeadLetterTopic topic;
    @Autowired
    Reingestion reingestion;
    @Autowired
    Environment environment;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonWhileThePollsOtherRecordsAreCharged() throws Exception {
        // Every key on one partition, published while the consumers are stopped: one consumer reads them in one poll.
        UsageRecorded invalidUser = usage("jane doe " + UUID.randomUUID(), UUID.randomUUID().toString(), 700);
        int partition = partitionOf(invalidUser.getUserId());
        String first = userOnPartition(partition);
        String second = userOnPartition(partition);
        String unreadableKey = userOnPartition(partition);
        UsageRecorded negative = usage(second, UUID.randomUUID().toString(), -50);
        byte[] unreadable = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        double invalidBefore = deadLettered("user_invalid");
        double unreadableBefore = deadLettered("unreadable");
        double rejectedBefore = deadLettered("rejected");

        MessageListenerContainer consumers = listeners.getListenerContainer("ledger-usage");
        consumers.stop();
        try {
            RawProducer.send(List.of(
                    raw(first, usage(first, UUID.randomUUID().toString(), 100)),
                    raw(invalidUser.getUserId(), invalidUser),
                    new ProducerRecord<>(Topics.USAGE_EVENTS.name(), null, unreadableKey, unreadable,
                            List.of(new org.apache.kafka.common.header.internals.RecordHeader("x-trace",
                                    "trace-1".getBytes(StandardCharsets.UTF_8)))),
                    raw(second, negative),
                    raw(second, usage(second, UUID.randomUUID().toString(), 200))));
        } finally {
            consumers.start();
        }

        awaitBalance(first, STARTING_CREDITS - 100);
        awaitBalance(second, STARTING_CREDITS - 200);

        ConsumerRecord<String, byte[]> invalid = awaitDeadLetter(invalidUser.getEventId());
        assertThat(text(invalid, DeadLetterHeaders.REASON)).isEqualTo("user_invalid");
        assertThat(text(invalid, DeadLetterHeaders.MESSAGE)).contains("may not contain whitespace");
        assertThat(text(invalid, DeadLetterHeaders.USER_ID)).isEqualTo(invalidUser.getUserId());
        assertThat(text(invalid, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.USAGE_EVENTS.name());
        assertThat(Instant.parse(text(invalid, DeadLetterHeaders.AT))).isBefore(Instant.now().plusSeconds(1));
        assertThat(invalid.key()).isEqualTo(invalidUser.getUserId());
        assertThat(invalid.value()).as("the value bytes unchanged").isEqualTo(Topics.USAGE_EVENTS.codec().encode(invalidUser));
        assertThat(invalid.headers().lastHeader("kafka_dlt-original-topic")).as("Spring Kafka's own headers").isNotNull();
        assertOffsetCommittedPast(invalid);

        String unreadableId = null;
        for (ConsumerRecord<String, byte[]> letter : deadLetters()) {
            if (unreadableKey.equals(letter.key())) {
                unreadableId = text(letter, DeadLetterHeaders.ID);
                assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo("unreadable");
                assertThat(letter.value()).isEqualTo(unreadable);
                assertThat(text(letter, "x-trace")).as("the record's own headers kept").isEqualTo("trace-1");
                assertThat(unreadableId).isEqualTo(DeadLetterHeaders.positionId(Topics.USAGE_EVENTS.name(),
                        Integer.parseInt(text(letter, DeadLetterHeaders.SOURCE_PARTITION)),
                        Long.parseLong(text(letter, DeadLetterHeaders.SOURCE_OFFSET))));
                assertOffsetCommittedPast(letter);
            }
        }
        assertThat(unreadableId).as("the unreadable record on the dead-letter topic").isNotNull();

        ConsumerRecord<String, byte[]> rejected = awaitDeadLetter(negative.getEventId());
        assertThat(text(rejected, DeadLetterHeaders.REASON)).isEqualTo("rejected");
        assertThat(text(rejected, DeadLetterHeaders.MESSAGE)).contains("costCredits");

        assertThat(deadLettered("user_invalid")).isGreaterThanOrEqualTo(invalidBefore + 1);
        assertThat(deadLettered("unreadable")).isGreaterThanOrEqualTo(unreadableBefore + 1);
        assertThat(deadLettered("rejected")).isGreaterThanOrEqualTo(rejectedBefore + 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id IN (?, ?)", Long.class,
                invalidUser.getEventId(), negative.getEventId())).isZero();
    }

    @Test
    void aUserIdOf255CharactersOpensAnAccountAndIsChargedWhileOneOf256IsDeadLettered() {
        String longest = ("u255-" + UUID.randomUUID() + "-").repeat(10).substring(0, 255);
        String tooLong = longest + "x";
        UsageRecorded overLimit = usage(tooLong, UUID.randomUUID().toString(), 10);
        publishUsage(usage(longest, UUID.randomUUID().toString(), 250), overLimit);

        awaitBalance(longest, STARTING_CREDITS - 250);
        assertThat(get("/api/accounts/" + longest).status()).isEqualTo(200);
        assertThat(text(awaitDeadLetter(overLimit.getEventId()), DeadLetterHeaders.REASON)).isEqualTo("user_too_long");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account WHERE user_id = ?", Long.class, tooLong)).isZero();
    }

    @Test
    void aDatabaseOutageDuringAPollIsRetriedAndChargedOnceAndNeverDeadLettered() {
        String user = newUserId();
        UsageRecorded event = usage(user, UUID.randomUUID().toString(), 4_321);
        double deadLetteredBefore = deadLettered(null);
        // The dedupe table gone is what a poll sees when PostgreSQL fails under it: every statement of the charge fails.
        jdbc.execute("ALTER TABLE processed_event RENAME TO processed_event_away");
        try {
            publishUsage(event);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                    jdbc.queryForObject("SELECT count(*) FROM account WHERE user_id = ?", Long.class, user) == 0);
        } finally {
            jdbc.execute("ALTER TABLE processed_event_away RENAME TO processed_event");
        }

        awaitBalance(user, STARTING_CREDITS - 4_321);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_transaction WHERE user_id = ? AND event_id = ?",
                Long.class, user, event.getEventId())).isEqualTo(1);
        assertThat(deadLettered(null)).isEqualTo(deadLetteredBefore);
        assertThat(deadLetters()).noneMatch(letter -> event.getEventId().equals(text(letter, DeadLetterHeaders.ID)));
    }

    @Test
    void theCommandListsADeadLetterAndReingestsItWithACorrectedUserIdExactlyOnce() {
        String corrected = newUserId();
        UsageRecorded typo = usage("jane doe " + corrected, UUID.randomUUID().toString(), 321);
        publishUsage(typo);
        awaitDeadLetter(typo.getEventId());

        Output listed = command("dead-letters");
        assertThat(listed.code()).isZero();
        assertThat(listed.text()).contains(typo.getEventId(), "user_invalid", "\"jane doe " + corrected + "\"");

        Output unfixed = command("dead-letters", "reingest", "--event-id=" + typo.getEventId());
        assertThat(unfixed.code()).as("the id is still invalid without --user-id").isEqualTo(1);
        assertThat(unfixed.text()).contains("cannot re-ingest", "--user-id");
        assertThat(command("dead-letters", "reingest", "--event-id=no-such-event").code()).isEqualTo(1);

        Output reingested = command("dead-letters", "reingest", "--event-id=" + typo.getEventId(),
                "--user-id=" + corrected);
        assertThat(reingested.code()).isZero();
        assertThat(reingested.text()).contains("re-ingested " + typo.getEventId() + " as user " + corrected);
        awaitBalance(corrected, STARTING_CREDITS - 321);

        Output again = command("dead-letters", "reingest", "--all");
        assertThat(again.code()).as("other tests' unreadable letters cannot be re-ingested").isIn(0, 1);
        assertThat(again.text()).contains("skipped " + typo.getEventId() + ", re-ingested before");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dead_letter_reingestion WHERE dead_letter_id = ?", Long.class,
                typo.getEventId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class,
                typo.getEventId())).isEqualTo(1);
        assertThat(balanceOf(corrected)).isEqualTo(STARTING_CREDITS - 321);
    }

    @Test
    void aPaymentTheLedgerCannotFoldIsDeadLetteredAndReingestedUnderItsCorrectedUserOnce() {
        String user = newUserId();
        var typo = purchase("{{LIBRECHAT_USER_ID}}", "cs_dl_" + UUID.randomUUID(), 2_000);
        var unknownRefund = refund(user, "cs_unknown", "re_dl", 100);
        double unresolvedBefore = counter(DeadLetters.PAYMENT_METRIC, "user_unresolved");
        double rejectedBefore = counter(DeadLetters.PAYMENT_METRIC, "rejected");
        publishPayments(typo, unknownRefund, purchase(user, "cs_ok", 50));

        awaitBalance(user, STARTING_CREDITS + 50);
        ConsumerRecord<String, byte[]> letter = awaitDeadLetter(Topics.PAYMENT_DEAD_LETTER.name(), typo.getEventId());
        assertThat(text(letter, DeadLetterHeaders.REASON)).isEqualTo("user_unresolved");
        assertThat(text(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.PAYMENT_EVENTS.name());
        assertThat(letter.value()).isEqualTo(Topics.PAYMENT_EVENTS.codec().encode(typo));
        assertOffsetCommittedPast(letter);
        assertThat(text(awaitDeadLetter(Topics.PAYMENT_DEAD_LETTER.name(), unknownRefund.getEventId()),
                DeadLetterHeaders.REASON)).isEqualTo("rejected");
        assertThat(counter(DeadLetters.PAYMENT_METRIC, "user_unresolved")).isGreaterThanOrEqualTo(unresolvedBefore + 1);
        assertThat(counter(DeadLetters.PAYMENT_METRIC, "rejected")).isGreaterThanOrEqualTo(rejectedBefore + 1);

        Output reingested = command("dead-letters", "reingest", "--event-id=" + typo.getEventId(), "--user-id=" + user);
        assertThat(reingested.code()).isZero();
        awaitBalance(user, STARTING_CREDITS + 50 + 2_000);
        assertThat(command("dead-letters", "reingest", "--event-id=" + typo.getEventId(), "--user-id=" + user).text())
                .contains("skipped " + typo.getEventId());
        assertThat(command("dead-letters").text()).contains("payment", typo.getEventId());
    }

    @Test
    void theCommandRefusesBadArgumentsWithExitCodeTwo() {
        assertThat(DeadLetterCommand.run(LedgerApplication.class, new String[] {"dead-letters", "reingest"}, false)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(LedgerApplication.class,
                new String[] {"dead-letters", "reingest", "--all", "--user-id=x"}, false)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(LedgerApplication.class, new String[] {"dead-letters", "--all"}, false)).isEqualTo(2);
        assertThat(DeadLetterCommand.run(LedgerApplication.class, new String[] {"dead-letters", "purge"}, false)).isEqualTo(2);
    }

    // --- the command ---

    record Output(int code, String text) {
    }

    /** The first re-ingest runs in its own Spring context as {@code java -jar} does; the others on this context's beans. */
    private boolean ranInOwnContext;

    private Output command(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code;
        if (!ranInOwnContext && args.length > 2 && args[1].equals("reingest") && args[args.length - 1].startsWith("--user-id")) {
            ranInOwnContext = true;
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of(
                    "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                    "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                    "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                    "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                    "--spring.data.redis.url=" + environment.getProperty("spring.data.redis.url")));
            PrintStream stdout = System.out;
            System.setOut(out);
            try {
                code = DeadLetterCommand.run(LedgerApplication.class, all.toArray(String[]::new), false);
            } finally {
                System.setOut(stdout);
            }
        } else {
            code = DeadLetterCommand.execute(DeadLetterCommand.Options.parse(args), topic, reingestion, out);
        }
        return new Output(code, bytes.toString(StandardCharsets.UTF_8));
    }

    // --- Kafka ---

    private double counter(String metric, String reason) {
        return meters.find(metric).tag("reason", reason).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double deadLettered(String reason) {
        var search = meters.find(DeadLetters.USAGE_METRIC);
        if (reason != null) {
            search = search.tag("reason", reason);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The usage topic's partition of a key, as Kafka's default partitioner chooses it. */
    private static int partitionOf(String key) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % Topics.DEFAULT_PARTITIONS;
    }

    private static String userOnPartition(int partition) {
        while (true) {
            String user = newUserId();
            if (partitionOf(user) == partition) {
                return user;
            }
        }
    }

    private static ProducerRecord<String, byte[]> raw(String key, UsageRecorded usage) {
        return new ProducerRecord<>(Topics.USAGE_EVENTS.name(), key, Topics.USAGE_EVENTS.codec().encode(usage));
    }

    private static final class RawProducer {
        static void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                records.forEach(record -> sent.add(producer.send(record)));
                for (java.util.concurrent.Future<?> ack : sent) {
                    ack.get(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        return DeadLetterHeaders.text(record.headers(), header);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String id) {
        return awaitDeadLetter(Topics.USAGE_DEAD_LETTER.name(), id);
    }

    private static ConsumerRecord<String, byte[]> awaitDeadLetter(String topic, String id) {
        return await().atMost(WAIT).until(() -> deadLetters(topic).stream()
                .filter(letter -> id.equals(text(letter, DeadLetterHeaders.ID))).findFirst().orElse(null),
                java.util.Objects::nonNull);
    }

    /** The whole usage dead-letter topic, as it is now. */
    private static List<ConsumerRecord<String, byte[]>> deadLetters() {
        return deadLetters(Topics.USAGE_DEAD_LETTER.name());
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(found::add);
            }
        }
        return found;
    }

    /** The ledger's group committed an offset past the dead letter's source record: the partition moved on. */
    private static void assertOffsetCommittedPast(ConsumerRecord<String, byte[]> letter) {
        TopicPartition source = new TopicPartition(text(letter, DeadLetterHeaders.SOURCE_TOPIC),
                Integer.parseInt(text(letter, DeadLetterHeaders.SOURCE_PARTITION)));
        long offset = Long.parseLong(text(letter, DeadLetterHeaders.SOURCE_OFFSET));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafka.shared().bootstrapServers()))) {
            await().atMost(WAIT).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("ledger").partitionsToOffsetAndMetadata()
                        .get().get(source);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isGreaterThan(offset);
            });
        }
    }
}
