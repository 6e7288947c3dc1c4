package io.creditgate.alert.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import io.creditgate.alert.AlertServiceTestBase;
import io.creditgate.schemas.Topics;
import io.creditgate.web.testing.OpenApiSnapshot;
import io.creditgate.web.testing.RouteCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what on the alert service (decision 40, the role table in docs/alerts.md), with tokens from a real
 * issuer: every route has a rule, enforced for anonymous, the owner, another user, admin and finance; a user sees and
 * marks only their own notifications; an admin's change of someone's preferences is audited.
 */
class AlertAccessTest extends AlertServiceTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteOfTheAlertServiceHasAnExplicitRule() {
        RouteCoverage.assertEveryRouteHasARule(context);
        assertThat(RouteCoverage.routesOf(context)).extracting(Object::toString).contains("GET /api/notifications",
                "POST /api/notifications/{id}/read", "POST /api/notifications/read-all",
                "GET /api/users/{userId}/preferences", "PUT /api/users/{userId}/preferences", "GET /api/admin/deliveries",
                "GET /actuator/prometheus");
    }

    @Test
    void everyRouteAnswersEachCallerAsItsRuleSays() {
        String self = newUserId();
        List<String> wrong = RouteCoverage.walk(context, port, RouteCoverage.identities(TOKENS, self, newUserId()), self);
        assertThat(wrong).isEmpty();
    }

    @Test
    void aUserReadsAndMarksOnlyItsOwnNotifications() {
        String ana = newUserId();
        String bob = newUserId();
        publish(Topics.ALERT_EVENTS, ana, crossing(ana, 5_000, 500_000, 1_000_000));
        await().atMost(WAIT).until(() -> notificationCount(ana) == 1);
        String anaToken = TOKENS.user(ana);
        String bobToken = TOKENS.user(bob);

        JsonNode page = as(anaToken, "GET", "/api/notifications?userId=" + ana, null).json();
        long id = page.get("notifications").get(0).get("id").asLong();
        Response peek = as(bobToken, "GET", "/api/notifications?userId=" + ana, null);
        assertThat(peek.status()).isEqualTo(403);
        assertThat(peek.errorCode()).isEqualTo("forbidden");
        assertThat(as(bobToken, "POST", "/api/notifications/" + id + "/read?userId=" + ana, null).status()).isEqualTo(403);
        assertThat(as(bobToken, "POST", "/api/notifications/read-all?userId=" + ana, null).status()).isEqualTo(403);
        // Naming their own account does not reach someone else's notification either.
        assertThat(as(bobToken, "POST", "/api/notifications/" + id + "/read?userId=" + bob, null).status()).isEqualTo(404);
        assertThat(as(TOKENS.finance(), "GET", "/api/notifications?userId=" + ana, null).status()).isEqualTo(403);

        assertThat(as(anaToken, "POST", "/api/notifications/" + id + "/read?userId=" + ana, null).status()).isEqualTo(200);
        assertThat(as(TOKENS.admin(), "GET", "/api/notifications?userId=" + ana, null).json().get("unread").asLong()).isZero();
        assertThat(as(null, "GET", "/api/notifications?userId=" + ana, null).status()).isEqualTo(401);
    }

    @Test
    void servesItsOpenApiDocumentToSignedInPeopleOnly() {
        Response docs = as(TOKENS.user(newUserId()), "GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/notifications")).isTrue();
        assertThat(as(null, "GET", "/v3/api-docs", null).status()).isEqualTo(401);
        OpenApiSnapshot.assertCommitted("alert", docs.body());
    }

    @Test
    void theDeliveryLogIsForAdminAndFinance() {
        String user = newUserId();
        assertThat(as(TOKENS.user(user), "GET", "/api/admin/deliveries?userId=" + user, null).status()).isEqualTo(403);
        assertThat(as(TOKENS.finance(), "GET", "/api/admin/deliveries?userId=" + user, null).status()).isEqualTo(200);
        assertThat(as(TOKENS.admin(), "GET", "/api/admin/deliveries?userId=" + user, null).status()).isEqualTo(200);
        assertThat(as(TOKENS.finance(), "PUT", "/api/users/" + user + "/preferences", "{\"locale\":\"pt\"}").status())
                .isEqualTo(403);
    }

    @Test
    void anAdminsChangeOfSomeonesPreferencesIsAuditedAndTheOwnersIsNot() {
        String user = newUserId();
        assertThat(as(TOKENS.user(user), "PUT", "/api/users/" + user + "/preferences",
                "{\"email\":\"me@example.com\",\"locale\":\"en\"}").status()).isEqualTo(200);
        assertThat(as(TOKENS.user(newUserId()), "PUT", "/api/users/" + user + "/preferences", "{\"emailOptOut\":true}")
                .status()).isEqualTo(403);
        assertThat(auditOf(user)).isEmpty();

        Response changed = as(TOKENS.admin("dora@example.com"), "PUT", "/api/users/" + user + "/preferences",
                "{\"email\":\"new@example.com\",\"locale\":\"en\",\"webhookUrl\":\"https://hooks.example.com/x\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        List<Map<String, Object>> audit = auditOf(user);
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor")).isEqualTo("dora@example.com");
        String changes = audit.get(0).get("changes").toString();
        assertThat(changes).contains("\"email\"", "me@example.com", "new@example.com", "webhookUrl")
                .doesNotContain("locale").doesNotContain("whsec_");

        // Admin and finance read it through the API; the owner does not.
        for (String reader : List.of(TOKENS.admin(), TOKENS.finance())) {
            Response read = as(reader, "GET", "/api/admin/preferences-audit?userId=" + user, null);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            JsonNode entries = read.json();
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).path("actor").asString()).isEqualTo("dora@example.com");
            assertThat(entries.get(0).path("changes").path("email").path("to").asString()).isEqualTo("new@example.com");
        }
        assertThat(as(TOKENS.user(user), "GET", "/api/admin/preferences-audit?userId=" + user, null).status()).isEqualTo(403);
        assertThat(as(TOKENS.admin(), "GET", "/api/admin/preferences-audit?userId=a%20b", null).status()).isEqualTo(400);
        assertThat(as(TOKENS.admin(), "GET", "/api/admin/preferences-audit?limit=0", null).status()).isEqualTo(400);

        assertThatThrownBy(() -> jdbc.update("UPDATE preferences_audit SET actor = 'x' WHERE user_id = ?", user))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM preferences_audit WHERE user_id = ?", user))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
    }

    @Test
    void badTokensAreRefused() {
        String user = newUserId();
        for (String bad : List.of(TOKENS.expiredAdmin(), TOKENS.otherIssuerAdmin(), TOKENS.otherAudienceAdmin(),
                TOKENS.foreignKeyAdmin())) {
            Response response = as(bad, "GET", "/api/users/" + user + "/preferences", null);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
    }

    private List<Map<String, Object>> auditOf(String userId) {
        return jdbc.queryForList("SELECT actor, changes::text AS changes FROM preferences_audit WHERE user_id = ?", userId);
    }
}
