package io.creditgate.alert.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.schemas.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The notifications, preferences and delivery-log APIs, their key check and their errors. */
class ApiTest extends AlertServiceTestBase {

    @Test
    void reportsItselfUpOnTheHealthEndpoint() {
        await().atMost(WAIT).untilAsserted(() -> {
            Response health = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        });
    }

    @Test
    void refusesCallsWithoutTheKeyOrWithAWrongOne() {
        Response missing = send(HttpRequest.newBuilder(uri("/api/notifications?userId=u")).GET());
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorCode()).isEqualTo("unauthorized");
        Response wrong = send(HttpRequest.newBuilder(uri("/api/users/u/preferences")).header("Authorization", "Bearer nope").GET());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void listsNotificationsNewestFirstAndMarksThemRead() {
        String user = newUserId();
        publish(Topics.ALERT_EVENTS, user, crossing(user, 5_000, 500_000, 1_000_000));
        publish(Topics.ALERT_EVENTS, user, crossing(user, 8_000, 800_000, 1_000_000));
        await().atMost(WAIT).until(() -> notificationCount(user) == 2);

        JsonNode page = get("/api/notifications?userId=" + user).json();
        assertThat(page.get("unread").asLong()).isEqualTo(2);
        JsonNode newest = page.get("notifications").get(0);
        assertThat(newest.get("title").asString()).isEqualTo("Creditgate: you have used 80% of your credits");
        assertThat(newest.get("readAt").isNull()).isTrue();

        Response read = post("/api/notifications/" + newest.get("id").asLong() + "/read?userId=" + user);
        assertThat(read.status()).isEqualTo(200);
        assertThat(get("/api/notifications?userId=" + user + "&unreadOnly=true").json().get("notifications")).hasSize(1);
        assertThat(post("/api/notifications/read-all?userId=" + user).json().get("marked").asInt()).isEqualTo(1);
        assertThat(get("/api/notifications?userId=" + user).json().get("unread").asLong()).isZero();
    }

    @Test
    void aUserCannotMarkAnotherUsersNotification() {
        String owner = newUserId();
        publish(Topics.ALERT_EVENTS, owner, crossing(owner, 5_000, 500_000, 1_000_000));
        await().atMost(WAIT).until(() -> notificationCount(owner) == 1);
        long id = get("/api/notifications?userId=" + owner).json().get("notifications").get(0).get("id").asLong();

        Response other = post("/api/notifications/" + id + "/read?userId=" + newUserId());
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.errorCode()).isEqualTo("not_found");
    }

    @Test
    void refusesBadNotificationQueries() {
        assertThat(get("/api/notifications").errorCode()).isEqualTo("invalid_request");
        assertThat(get("/api/notifications?userId=u&limit=0").status()).isEqualTo(400);
        assertThat(get("/api/notifications?userId=u&limit=abc").errorCode()).isEqualTo("invalid_request");
        assertThat(post("/api/notifications/abc/read?userId=u").status()).isEqualTo(400);
    }

    @Test
    void storesPreferencesAndKeepsWhatAChangeLeavesOut() {
        String user = newUserId();
        assertThat(get("/api/users/" + user + "/preferences").json().get("email").isNull()).isTrue();
        setPreferences(user, "{\"email\":\"a@example.com\",\"locale\":\"pt-PT\"}");
        setPreferences(user, "{\"emailOptOut\":true}");
        JsonNode stored = get("/api/users/" + user + "/preferences").json();
        assertThat(stored.get("email").asString()).isEqualTo("a@example.com");
        assertThat(stored.get("locale").asString()).isEqualTo("pt-PT");
        assertThat(stored.get("emailOptOut").asBoolean()).isTrue();
        assertThat(stored.get("webhookFormat").asString()).isEqualTo("CREDITGATE");
    }

    @Test
    void aWebhookKeepsItsSecretUntilRemoved() {
        String user = newUserId();
        String secret = putJson("/api/users/" + user + "/preferences", "{\"webhookUrl\":\"https://hooks.example.com/a\"}")
                .json().get("webhookSecret").asString();
        JsonNode changed = putJson("/api/users/" + user + "/preferences", "{\"webhookUrl\":\"https://hooks.example.com/b\"}").json();
        assertThat(changed.get("webhookSecret").asString()).isEqualTo(secret);
        JsonNode removed = putJson("/api/users/" + user + "/preferences", "{\"webhookUrl\":\"\"}").json();
        assertThat(removed.get("webhookUrl").isNull()).isTrue();
    }

    @Test
    void refusesPreferencesThatCannotBeUsed() {
        String path = "/api/users/" + newUserId() + "/preferences";
        assertThat(putJson(path, "{\"email\":\"not-an-address\"}").errorCode()).isEqualTo("invalid_request");
        assertThat(putJson(path, "{\"locale\":\"fr\"}").json().get("error").get("message").asString()).contains("locale");
        assertThat(putJson(path, "{\"webhookUrl\":\"ftp://example.com/x\"}").errorCode()).isEqualTo("invalid_request");
        assertThat(putJson(path, "{\"webhookUrl\":\"not a url\"}").errorCode()).isEqualTo("invalid_request");
        assertThat(putJson(path, "{\"webhookFormat\":\"TEAMS\"}").errorCode()).isEqualTo("invalid_json");
        assertThat(putJson(path, "{\"emailOptOut\":").errorCode()).isEqualTo("invalid_json");
        assertThat(putJson("/api/users/" + "x".repeat(300) + "/preferences", "{}").errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void showsTheDeliveryLogOfAUserWithEveryAttempt() {
        String user = newUserId();
        setPreferences(user, "{\"email\":\"" + emailOf(user) + "\"}");
        publish(Topics.ALERT_EVENTS, user, crossing(user, 8_000, 800_000, 1_000_000));
        await().atMost(WAIT).until(() -> jdbc.queryForList("SELECT status FROM delivery WHERE user_id = ? AND channel = 'EMAIL'",
                String.class, user).equals(java.util.List.of("SENT")));
        JsonNode log = get("/api/admin/deliveries?userId=" + user).json();
        assertThat(log).hasSize(2);
        JsonNode email = log.get(0).get("channel").asString().equals("EMAIL") ? log.get(0) : log.get(1);
        assertThat(email.get("attemptLog").get(0).get("status").asString()).isEqualTo("SENT");
        assertThat(email.get("recipient").asString()).isEqualTo(emailOf(user));

        assertThat(get("/api/admin/deliveries").errorCode()).isEqualTo("invalid_request");
        assertThat(get("/api/admin/deliveries?userId=a&alertEventId=b").status()).isEqualTo(400);
    }
}
