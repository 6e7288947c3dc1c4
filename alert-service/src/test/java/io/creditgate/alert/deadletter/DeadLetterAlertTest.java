package io.creditgate.alert.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.DeadLetterHeaders;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.UsageRecorded;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Dead letters of the ledger, on real Kafka, PostgreSQL and SMTP (GreenMail): the admins are emailed once each. */
class DeadLetterAlertTest extends AlertServiceTestBase {

    @Test
    void emailsTheAdminsOncePerDeadLetterWithTheReasonTheUserTheEventAndTheReingestCommand() {
        String userId = "jane doe " + UUID.randomUUID();
        UsageRecorded usage = usage(userId, "jane@example.test", 1_500);
        byte[] value = Topics.USAGE_EVENTS.codec().encode(usage);
        ProducerRecord<String, byte[]> letter = deadLetter(userId, value, usage.getEventId(), "user_invalid",
                "The user id may not contain whitespace, control characters or braces.", 3, 41);

        // Twice, as after a ledger crash between the dead-letter publish and its offset commit.
        publish(letter, deadLetter(userId, value, usage.getEventId(), "user_invalid", "again", 3, 41));

        await().atMost(WAIT).until(() -> mailsAbout(usage.getEventId()).size() == 1);
        MimeMessage mail = mailsAbout(usage.getEventId()).get(0);
        assertThat(subject(mail)).contains("user_invalid", usage.getEventId());
        assertThat(text(mail)).contains("\"" + userId + "\"", usage.getEventId(), "creditgate.usage-events-3@41",
                "java -jar ledger-service/target/ledger-service.jar dead-letters reingest --event-id=" + usage.getEventId()
                        + " --user-id=<corrected id>");

        // A third copy read later changes nothing either: the delivery log holds the dead letter's key.
        publish(deadLetter(userId, value, usage.getEventId(), "user_invalid", "later", 3, 41));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsAbout(usage.getEventId()).size() == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE alert_event_id = ? AND channel = 'ADMIN_EMAIL'",
                Long.class, "dead-letter:" + usage.getEventId())).isEqualTo(1);
    }

    @Test
    void anUnreadableDeadLetterIsToldByItsPositionAndSaysItCannotBeReingested() {
        String key = newUserId();
        String id = DeadLetterHeaders.positionId(Topics.USAGE_EVENTS.name(), 5, 7_000 + (long) (Math.random() * 1_000_000));
        ProducerRecord<String, byte[]> letter = deadLetter(key, "{}".getBytes(StandardCharsets.UTF_8), null,
                "unreadable", "not a readable UsageRecorded", 5, 7);
        letter.headers().remove(DeadLetterHeaders.ID);
        letter.headers().add(DeadLetterHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        publish(letter);

        await().atMost(WAIT).until(() -> mailsAbout(id).size() == 1);
        String body = text(mailsAbout(id).get(0));
        assertThat(body).contains("unreadable", "\"" + key + "\"", "cannot be re-ingested");
        assertThat(body).doesNotContain("reingest --event-id");
    }

    @Test
    void aPaymentDeadLetterTellsTheAdminsTheMoneyIsNotCreditedYet() {
        String user = newUserId();
        String eventId = "evt_" + UUID.randomUUID();
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.PAYMENT_DEAD_LETTER.name(), user,
                "payment bytes".getBytes(StandardCharsets.UTF_8));
        add(letter, DeadLetterHeaders.ID, eventId);
        add(letter, DeadLetterHeaders.REASON, "rejected");
        add(letter, DeadLetterHeaders.MESSAGE, "no purchase cs_unknown on this account");
        add(letter, DeadLetterHeaders.USER_ID, user);
        add(letter, DeadLetterHeaders.AT, now().toString());
        publish(letter);

        await().atMost(WAIT).until(() -> mailsAbout(eventId).size() == 1);
        MimeMessage mail = mailsAbout(eventId).get(0);
        assertThat(subject(mail)).startsWith("[Creditgate] A payment was not credited: rejected");
        assertThat(text(mail)).contains("creditgate.payment-dead-letter", "no purchase cs_unknown",
                "dead-letters reingest --event-id=" + eventId);
    }

    private static List<MimeMessage> mailsAbout(String id) {
        return mailsTo(ADMIN_EMAIL).stream().filter(mail -> subject(mail).contains(id)).toList();
    }

    /** A record as the ledger dead-letters it: the original key and bytes, and its reason headers. */
    private static ProducerRecord<String, byte[]> deadLetter(String key, byte[] value, String eventId, String reason,
            String message, int partition, long offset) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.USAGE_DEAD_LETTER.name(), key, value);
        add(record, DeadLetterHeaders.ID, eventId);
        add(record, DeadLetterHeaders.REASON, reason);
        add(record, DeadLetterHeaders.MESSAGE, message);
        add(record, DeadLetterHeaders.USER_ID, eventId == null ? null : key);
        add(record, DeadLetterHeaders.SOURCE_TOPIC, Topics.USAGE_EVENTS.name());
        add(record, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(partition));
        add(record, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(offset));
        add(record, DeadLetterHeaders.AT, now().toString());
        return record;
    }

    private static void add(ProducerRecord<String, byte[]> record, String header, String value) {
        if (value != null) {
            record.headers().add(header, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @SafeVarargs
    private static void publish(ProducerRecord<String, byte[]>... records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
