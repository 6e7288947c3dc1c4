package io.creditgate.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.platform.embedded.LocalKafka;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import jakarta.mail.internet.MimeMessage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The whole service on real Kafka: the ledger's AccountBalanceChanged events (as the ledger publishes them) go
 * through the Kafka Streams topology to the alert topic, and from there to GreenMail and the in-app notifications.
 */
class EndToEndTest extends AlertServiceTestBase {

    private static final long CYCLE_CREDITS = 1_000_000;

    @Test
    void eightyPercentThenOneHundredThenAGrantBackUnderEighty() {
        String user = newUserId();
        Instant cycle = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        // The gateway's usage events carry the user's email; the service learns it from them.
        publish(Topics.USAGE_EVENTS, user, usage(user, emailOf(user), 1_000));
        await().atMost(WAIT).until(() -> emailOf(user).equals(
                get("/api/users/" + user + "/preferences").json().get("email").asString()));

        publish(Topics.ACCOUNT_EVENTS, user, balance(user, 1, cycle, 0, CYCLE_CREDITS, "OPENED"),
                balance(user, 2, cycle, 400_000, CYCLE_CREDITS, "USAGE"));
        // 40 % is below every threshold... and 85 % crosses 50 % and 80 % in one change: one email, one notification.
        publish(Topics.ACCOUNT_EVENTS, user, balance(user, 3, cycle, 850_000, CYCLE_CREDITS, "USAGE"));
        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1 && notificationCount(user) == 1);
        MimeMessage eighty = mailsTo(emailOf(user)).get(0);
        assertThat(subject(eighty)).isEqualTo("Creditgate: you have used 80% of your credits");
        assertThat(text(eighty)).contains("$0.85 of $1.00", "You have $0.15 left", "At this pace ($0.28 a day)", BUY_URL);

        // A second usage above 80 % tells nothing new; reaching 100 % (and the low balance with it) is told once.
        publish(Topics.ACCOUNT_EVENTS, user, balance(user, 4, cycle, 870_000, CYCLE_CREDITS, "USAGE"),
                balance(user, 5, cycle, 1_000_000, CYCLE_CREDITS, "USAGE"));
        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 2 && notificationCount(user) == 2);
        assertThat(subject(mailsTo(emailOf(user)).get(1))).isEqualTo("Creditgate: your credits are used up");
        await().atMost(WAIT).until(() -> mailsTo(ADMIN_EMAIL).stream().anyMatch(mail -> subject(mail).contains(user)));
        assertThat(alertsOf(user, 4)).extracting(event -> ((ThresholdCrossed) event).getThresholdKind() + ":"
                + ((ThresholdCrossed) event).getThresholdValue())
                .containsExactly("UTILISATION:5000", "UTILISATION:8000", "LOW_BALANCE:100000", "UTILISATION:10000");

        // A grant of 2,000,000 credits: 1,000,000 of 3,000,000 used is 33 %.
        publish(Topics.ACCOUNT_EVENTS, user, balance(user, 6, cycle, 1_000_000, 3 * CYCLE_CREDITS, "GRANT"));
        List<SpecificRecord> alerts = alertsOf(user, 8);
        assertThat(alerts).filteredOn(ThresholdResolved.class::isInstance)
                .extracting(event -> ((ThresholdResolved) event).getThresholdValue())
                .contains(8_000L, 10_000L);
        assertThat(alerts).filteredOn(ThresholdCrossed.class::isInstance).hasSize(4);
        await().atMost(WAIT).until(() -> notificationCount(user) == 3);
        assertThat(get("/api/notifications?userId=" + user).json().get("notifications").get(0).get("kind").asString())
                .isEqualTo("THRESHOLD_RESOLVED");
        assertThat(mailsTo(emailOf(user))).as("a resolution is not emailed").hasSize(2);
    }

    /** Reads the alert topic (committed transactions only) until {@code count} alerts of the user arrived. */
    private static List<SpecificRecord> alertsOf(String userId, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.shared().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<SpecificRecord> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, Topics.ALERT_EVENTS.keys().deserializer(),
                Topics.ALERT_EVENTS.values().deserializer())) {
            consumer.subscribe(List.of(Topics.ALERT_EVENTS.name()));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (userId.equals(record.key())) {
                        found.add(record.value());
                    }
                }
            }
        }
        assertThat(found).as("alerts of " + userId).hasSize(count);
        return found;
    }
}
