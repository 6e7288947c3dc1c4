package io.creditgate.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.alert.WebhookReceiver;
import io.creditgate.schemas.Topics;
import io.creditgate.schemas.event.ThresholdCrossed;
import io.creditgate.schemas.event.ThresholdResolved;
import io.creditgate.schemas.event.UnusualSpend;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Alerts read from the alert topic reach GreenMail, a real webhook server and the in-app notifications, once. */
class DeliveryTest extends AlertServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void emailsTheUserInEnglishWithTheNumbersTheForecastAndTheBuyLink() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        ThresholdCrossed crossed = crossing(user, 8_000, 800_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, user, crossed);

        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1);
        MimeMessage mail = mailsTo(emailOf(user)).get(0);
        assertThat(subject(mail)).isEqualTo("Creditgate: you have used 80% of your credits");
        assertThat(text(mail)).contains("$0.80 of $1.00", "You have $0.20 left", "At this pace ($0.08 a day)",
                "about 2.5 more days", BUY_URL);
        await().atMost(WAIT).until(() -> statusOf(crossed.getEventId(), Channel.EMAIL).equals("SENT"));
        assertThat(attemptStatuses(Channel.EMAIL.keyFor(crossed.getEventId()))).containsExactly("SENT");
        assertThat(mailsTo(ADMIN_EMAIL).stream().map(m -> text(m)).filter(t -> t.contains(user))).as("no admin copy of 80 %").isEmpty();
    }

    @Test
    void emailsInPortugueseWhenTheUserChoseIt() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\",\"locale\":\"pt-BR\"}");
        publish(Topics.ALERT_EVENTS, user, crossing(user, 8_000, 800_000, 1_000_000));

        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1);
        MimeMessage mail = mailsTo(emailOf(user)).get(0);
        assertThat(subject(mail)).isEqualTo("Creditgate: você já usou 80% dos seus créditos");
        assertThat(text(mail)).contains("US$ 0,80 de US$ 1,00", "Restam US$ 0,20", "Comprar mais créditos: " + BUY_URL);
    }

    @Test
    void learnsTheEmailFromUsageEvents() {
        String user = newUserId();
        publish(Topics.USAGE_EVENTS, user, usage(user, "", 10), usage(user, "{{LIBRECHAT_USER_EMAIL}}", 10),
                usage(user, emailOf(user), 10));
        await().atMost(WAIT).until(() -> emailOf(user).equals(get("/api/users/" + user + "/preferences").json().get("email").asString()));

        publish(Topics.ALERT_EVENTS, user, crossing(user, 5_000, 500_000, 1_000_000));
        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1);
    }

    @Test
    void anEmailSetByTheUserIsNotReplacedByTheOneUsageAsserts() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"chosen-" + emailOf(user) + "\"}");
        String marker = newUserId();
        // The marker goes on the same key, so the same partition: once it is read, so was the user's event.
        publish(Topics.USAGE_EVENTS, user, usage(user, emailOf(user), 10), usage(marker, emailOf(marker), 10));
        await().atMost(WAIT).until(() -> emailOf(marker).equals(get("/api/users/" + marker + "/preferences").json().get("email").asString()));
        assertThat(get("/api/users/" + user + "/preferences").json().get("email").asString()).isEqualTo("chosen-" + emailOf(user));
    }

    @Test
    void aRepeatedAlertIsDeliveredOncePerChannel() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\",\"webhookUrl\":\"" + WEBHOOKS.url(user) + "\"}");
        ThresholdCrossed crossed = crossing(user, 8_000, 850_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, user, crossed, crossed);
        publish(Topics.ALERT_EVENTS, user, crossed);

        await().atMost(WAIT).until(() -> mailsTo(emailOf(user)).size() == 1 && WEBHOOKS.received(user).size() == 1);
        String marker = UUID.randomUUID().toString();
        // A later alert of the same user is delivered, so the repeats before it were read and dropped.
        ThresholdCrossed later = ThresholdCrossed.newBuilder(crossed).setEventId(marker).setThresholdValue(10_000).build();
        publish(Topics.ALERT_EVENTS, user, later);
        await().atMost(WAIT).until(() -> WEBHOOKS.received(user).size() == 2 && mailsTo(emailOf(user)).size() == 2);
        assertThat(notificationCount(user)).isEqualTo(2);
        await().atMost(WAIT).until(() -> deliveriesOf(user).size() == 7);
        assertThat(deliveriesOf(user)).extracting(row -> row.get("channel"))
                .containsExactlyInAnyOrder("EMAIL", "WEBHOOK", "IN_APP", "EMAIL", "WEBHOOK", "IN_APP", "ADMIN_EMAIL");
    }

    @Test
    void respectsTheOptOutAndLogsWhyNothingWasEmailed() {
        String optedOut = newUserId();
        setPreferences(optedOut, "{\"email\":\"" + emailOf(optedOut) + "\",\"emailOptOut\":true}");
        String unknown = newUserId();
        ThresholdCrossed first = crossing(optedOut, 8_000, 800_000, 1_000_000);
        ThresholdCrossed second = crossing(unknown, 8_000, 800_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, optedOut, first);
        publish(Topics.ALERT_EVENTS, unknown, second);

        await().atMost(WAIT).until(() -> notificationCount(optedOut) == 1 && notificationCount(unknown) == 1);
        await().atMost(WAIT).until(() -> statusOf(first.getEventId(), Channel.EMAIL).equals("SKIPPED")
                && statusOf(second.getEventId(), Channel.EMAIL).equals("SKIPPED"));
        assertThat(lastError(first.getEventId(), Channel.EMAIL)).isEqualTo("the user opted out of email");
        assertThat(lastError(second.getEventId(), Channel.EMAIL)).isEqualTo("no email address known for the user");
        assertThat(mailsTo(emailOf(optedOut))).isEmpty();
    }

    @Test
    void signsWebhooksAndRetriesWithBackoffUntilTheReceiverAccepts() {
        String user = newUserId();
        WEBHOOKS.script(user, 500, 503);
        Response preferences = putJson("/api/users/" + user + "/preferences", "{\"webhookUrl\":\"" + WEBHOOKS.url(user) + "\"}");
        String secret = preferences.json().get("webhookSecret").asString();
        assertThat(secret).startsWith("whsec_");
        ThresholdCrossed crossed = crossing(user, 8_000, 800_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, user, crossed);

        String key = Channel.WEBHOOK.keyFor(crossed.getEventId());
        await().atMost(WAIT).until(() -> statusOf(crossed.getEventId(), Channel.WEBHOOK).equals("SENT"));
        assertThat(attemptStatuses(key)).containsExactly("RETRY", "RETRY", "SENT");
        List<WebhookReceiver.Received> calls = WEBHOOKS.received(user);
        assertThat(calls).hasSize(3);
        for (WebhookReceiver.Received call : calls) {
            assertThat(call.header("X-Creditgate-Delivery")).isEqualTo(key);
            String[] signature = call.header("X-Creditgate-Signature").split(",");
            long timestamp = Long.parseLong(signature[0].substring(2));
            assertThat(signature[1]).isEqualTo("v1=" + WebhookChannel.sign(secret, timestamp, call.body()));
            assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
        }
        JsonNode payload = JSON.readTree(calls.get(2).body());
        assertThat(payload.get("type").asString()).isEqualTo("ThresholdCrossed");
        assertThat(payload.get("eventId").asString()).isEqualTo(crossed.getEventId());
        assertThat(payload.get("thresholdValue").asLong()).isEqualTo(8_000);
        assertThat(payload.get("balanceCredits").asLong()).isEqualTo(200_000);
        assertThat(payload.get("buyCreditsUrl").asString()).isEqualTo(BUY_URL);
        // The gaps grow: 100 ms, then 200 ms (exponential backoff).
        List<Timestamp> times = jdbc.queryForList("SELECT at FROM delivery_attempt WHERE idempotency_key = ? ORDER BY id",
                Timestamp.class, key);
        assertThat(Duration.between(times.get(0).toInstant(), times.get(1).toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(Duration.between(times.get(1).toInstant(), times.get(2).toInstant())).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aWebhookThatRefusesIsFailedAtOnceAndOneThatKeepsFailingAfterMaxAttempts() {
        String refusing = newUserId();
        String failing = newUserId();
        WEBHOOKS.script(refusing, 404);
        WEBHOOKS.script(failing, 500, 500, 500, 500, 500);
        setPreferences(refusing, "{\"webhookUrl\":\"" + WEBHOOKS.url(refusing) + "\"}");
        setPreferences(failing, "{\"webhookUrl\":\"" + WEBHOOKS.url(failing) + "\"}");
        ThresholdCrossed first = crossing(refusing, 8_000, 800_000, 1_000_000);
        ThresholdCrossed second = crossing(failing, 8_000, 800_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, refusing, first);
        publish(Topics.ALERT_EVENTS, failing, second);

        await().atMost(WAIT).until(() -> statusOf(first.getEventId(), Channel.WEBHOOK).equals("FAILED")
                && statusOf(second.getEventId(), Channel.WEBHOOK).equals("FAILED"));
        assertThat(attemptStatuses(Channel.WEBHOOK.keyFor(first.getEventId()))).containsExactly("FAILED");
        assertThat(lastError(first.getEventId(), Channel.WEBHOOK)).startsWith("HTTP 404");
        assertThat(attemptStatuses(Channel.WEBHOOK.keyFor(second.getEventId()))).containsExactly("RETRY", "RETRY", "RETRY", "FAILED");
        assertThat(WEBHOOKS.received(failing)).hasSize(4);
    }

    @Test
    void slackWebhooksGetASlackMessage() {
        String user = newUserId();
        setPreferences(user, "{\"webhookUrl\":\"" + WEBHOOKS.url(user) + "\",\"webhookFormat\":\"SLACK\",\"locale\":\"pt\"}");
        publish(Topics.ALERT_EVENTS, user, crossing(user, 10_000, 1_000_000, 1_000_000));

        await().atMost(WAIT).until(() -> WEBHOOKS.received(user).size() == 1);
        JsonNode payload = JSON.readTree(WEBHOOKS.received(user).get(0).body());
        assertThat(payload.propertyNames()).containsExactly("text");
        assertThat(payload.get("text").asString()).startsWith("*Creditgate: seus créditos acabaram*\n").contains(BUY_URL);
    }

    @Test
    void adminsGetACopyOfExhaustedAndUnusualSpendAlerts() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        ThresholdCrossed exhausted = crossing(user, 10_000, 1_000_000, 1_000_000);
        Instant at = now();
        UnusualSpend unusual = UnusualSpend.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setUserId(user).setWindowStartedAt(at.minus(Duration.ofMinutes(15))).setWindowEndsAt(at)
                .setWindowSpentCredits(400_000).setTrailingHourlyAverageCredits(100_000).setFactorPercent(300)
                .setCauseEventId("u").build();
        publish(Topics.ALERT_EVENTS, user, exhausted, unusual);

        await().atMost(WAIT).until(() -> adminMailsAbout(user).size() == 2 && mailsTo(emailOf(user)).size() == 2);
        assertThat(adminMailsAbout(user)).extracting(mail -> subject(mail))
                .containsExactlyInAnyOrder("[Creditgate admin] " + user + ": Creditgate: your credits are used up",
                        "[Creditgate admin] " + user + ": Creditgate: unusual spend on your account");
        assertThat(mailsTo(emailOf(user))).extracting(mail -> text(mail))
                .anySatisfy(text -> assertThat(text).contains("In the last 15 minutes you spent $0.40: 16 times your usual hourly rate of $0.10"));
    }

    @Test
    void aResolutionIsShownInAppButNotEmailed() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        ThresholdResolved resolved = ThresholdResolved.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setUserId(user).setThresholdKind("UTILISATION").setThresholdValue(8_000).setCycleStartedAt(now())
                .setUtilisationBasisPoints(4_000).setBalanceCredits(1_200_000).setCauseEventId("grant").setAccountVersion(9)
                .setReason("CREDITS_ADDED").setMostSevere(true).build();
        publish(Topics.ALERT_EVENTS, user, resolved);

        await().atMost(WAIT).until(() -> notificationCount(user) == 1);
        JsonNode notification = get("/api/notifications?userId=" + user).json().get("notifications").get(0);
        assertThat(notification.get("kind").asString()).isEqualTo("THRESHOLD_RESOLVED");
        assertThat(notification.get("title").asString()).isEqualTo("Creditgate: back under 80%");
        assertThat(deliveriesOf(user)).extracting(row -> row.get("channel")).containsExactly("IN_APP");
        assertThat(mailsTo(emailOf(user))).isEmpty();
    }

    @Test
    void anAlertTooOldToBeNewsIsLoggedNotSent() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        ThresholdCrossed old = ThresholdCrossed.newBuilder(crossing(user, 8_000, 800_000, 1_000_000))
                .setOccurredAt(now().minus(Duration.ofDays(3))).build();
        publish(Topics.ALERT_EVENTS, user, old);
        await().atMost(WAIT).until(() -> deliveriesOf(user).size() == 2);
        assertThat(deliveriesOf(user)).extracting(row -> row.get("status")).containsOnly("SKIPPED");
        assertThat(notificationCount(user)).isZero();
    }

    @Test
    void aRestartMidDeliverySendsWhatHadNotStartedAndNeverResendsWhatMightHaveLeft() {
        // The state a crash leaves: one delivery claimed (SENDING, maybe sent) and one planned (PENDING, not sent).
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        ThresholdCrossed claimed = crossing(user, 5_000, 500_000, 1_000_000);
        ThresholdCrossed planned = crossing(user, 8_000, 800_000, 1_000_000);
        Instant crashedAt = now().minus(Duration.ofMinutes(1));
        insertDelivery(claimed, "SENDING", 1, crashedAt);
        insertDelivery(planned, "PENDING", 0, crashedAt);

        await().atMost(WAIT).until(() -> statusOf(planned.getEventId(), Channel.EMAIL).equals("SENT")
                && statusOf(claimed.getEventId(), Channel.EMAIL).equals("UNKNOWN"));
        assertThat(attemptStatuses(Channel.EMAIL.keyFor(claimed.getEventId()))).containsExactly("UNKNOWN");
        // Kafka redelivers both alerts after the restart (their offsets were not committed): nothing is sent again.
        publish(Topics.ALERT_EVENTS, user, claimed, planned);
        ThresholdCrossed marker = crossing(user, 10_000, 1_000_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, user, marker);
        await().atMost(WAIT).until(() -> statusOf(marker.getEventId(), Channel.EMAIL).equals("SENT"));
        assertThat(mailsTo(emailOf(user))).extracting(mail -> subject(mail))
                .containsExactlyInAnyOrder("Creditgate: you have used 80% of your credits", "Creditgate: your credits are used up");
        assertThat(statusOf(claimed.getEventId(), Channel.EMAIL)).isEqualTo("UNKNOWN");
    }

    @Test
    void countsAlertsAndDeliveries() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        double fired = counter("creditgate.alerts.fired", "threshold", "UTILISATION:5000");
        double sent = counter("creditgate.alerts.deliveries", "channel", "EMAIL", "status", "SENT");
        ThresholdCrossed crossed = crossing(user, 5_000, 500_000, 1_000_000);
        publish(Topics.ALERT_EVENTS, user, crossed);
        await().atMost(WAIT).until(() -> statusOf(crossed.getEventId(), Channel.EMAIL).equals("SENT"));
        assertThat(counter("creditgate.alerts.fired", "threshold", "UTILISATION:5000")).isEqualTo(fired + 1);
        assertThat(counter("creditgate.alerts.deliveries", "channel", "EMAIL", "status", "SENT")).isEqualTo(sent + 1);
        assertThat(meters.find("creditgate.alerts.delivery.latency").tag("channel", "EMAIL").timer().count()).isPositive();
    }

    private void insertDelivery(ThresholdCrossed alert, String status, int attempts, Instant at) {
        jdbc.update("""
                INSERT INTO delivery (idempotency_key, alert_event_id, alert_type, channel, user_id, recipient, subject, body,
                                      status, attempts, next_attempt_at, alert_occurred_at, created_at, updated_at)
                VALUES (?, ?, 'ThresholdCrossed', 'EMAIL', ?, ?, ?, 'body', ?, ?, ?, ?, ?, ?)
                """, Channel.EMAIL.keyFor(alert.getEventId()), alert.getEventId(), alert.getUserId(), emailOf(alert.getUserId()),
                "Creditgate: you have used " + alert.getThresholdValue() / 100 + "% of your credits", status, attempts,
                Timestamp.from(at), Timestamp.from(alert.getOccurredAt()), Timestamp.from(at), Timestamp.from(at));
    }

    private List<MimeMessage> adminMailsAbout(String user) {
        return mailsTo(ADMIN_EMAIL).stream().filter(mail -> subject(mail).contains(user)).toList();
    }

    private String statusOf(String alertEventId, Channel channel) {
        List<String> status = jdbc.queryForList("SELECT status FROM delivery WHERE idempotency_key = ?", String.class,
                channel.keyFor(alertEventId));
        return status.isEmpty() ? "" : status.get(0);
    }

    private String lastError(String alertEventId, Channel channel) {
        return jdbc.queryForObject("SELECT last_error FROM delivery WHERE idempotency_key = ?", String.class,
                channel.keyFor(alertEventId));
    }
}
