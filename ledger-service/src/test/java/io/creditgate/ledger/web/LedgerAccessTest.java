package io.creditgate.ledger.web;

import static io.creditgate.schemas.identity.Role.ADMIN;
import static io.creditgate.schemas.identity.Role.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;

import io.creditgate.ledger.LedgerServiceTestBase;
import io.creditgate.web.security.Access;
import io.creditgate.web.security.AccessRules;
import io.creditgate.web.testing.RouteCoverage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Who may call what on the ledger (decision 40, the role table in docs/ledger.md), with tokens from a real issuer:
 * every mapped route has a rule and the service enforces it for anonymous, the owner, another user, admin and
 * finance; bad tokens are 401; the actor of an admin action is the token's email.
 */
class LedgerAccessTest extends LedgerServiceTestBase {

    @Autowired
    ApplicationContext context;
    @Autowired
    AccessRules rules;

    @Test
    void everyRouteOfTheLedgerHasAnExplicitRule() {
        RouteCoverage.assertEveryRouteHasARule(context);
        assertThat(RouteCoverage.routesOf(context)).extracting(Object::toString).contains(
                "GET /api/accounts/{userId}", "GET /api/accounts/{userId}/transactions",
                "POST /api/admin/accounts/{userId}/grants", "PUT /api/admin/accounts/{userId}/plan",
                "GET /api/admin/audit", "GET /api/admin/accounts", "POST /api/admin/replay", "GET /api/plans", "GET /v3/api-docs",
                "GET /actuator/prometheus", "GET /actuator/health");
    }

    @Test
    void everyRouteAnswersEachCallerAsItsRuleSays() {
        String self = newUserId();
        assertThat(postGrant(self, """
                {"amountCredits": 10, "reason": "open the account"}""").status()).isEqualTo(201);
        List<String> wrong = RouteCoverage.walk(context, port, RouteCoverage.identities(TOKENS, self, newUserId()), self);
        assertThat(wrong).isEmpty();
    }

    @Test
    void theRoleTableHolds() {
        Access admin = new Access.Roles(Set.of(ADMIN));
        Access staff = new Access.Roles(Set.of(ADMIN, FINANCE));
        assertThat(accessOf(HttpMethod.GET, "/api/accounts/u")).isEqualTo(new Access.OwnAccountOrRoles(Set.of(ADMIN, FINANCE)));
        assertThat(accessOf(HttpMethod.GET, "/api/accounts/u/usage/by-model")).isEqualTo(new Access.OwnAccountOrRoles(Set.of(ADMIN, FINANCE)));
        for (String write : List.of("/api/admin/accounts/u/grants", "/api/admin/accounts/u/grants/g/revoke",
                "/api/admin/accounts/u/adjustments", "/api/admin/accounts/u/block", "/api/admin/accounts/u/unblock")) {
            assertThat(accessOf(HttpMethod.POST, write)).as(write).isEqualTo(admin);
        }
        assertThat(accessOf(HttpMethod.PUT, "/api/admin/accounts/u/cycle-cap")).isEqualTo(admin);
        assertThat(accessOf(HttpMethod.PUT, "/api/admin/accounts/u/plan")).isEqualTo(admin);
        assertThat(accessOf(HttpMethod.GET, "/api/admin/audit")).isEqualTo(staff);
        assertThat(accessOf(HttpMethod.GET, "/api/admin/accounts")).isEqualTo(staff);
        assertThat(accessOf(HttpMethod.GET, "/api/admin/audit/replays")).isEqualTo(staff);
        assertThat(accessOf(HttpMethod.GET, "/api/admin/usage/top-users")).isEqualTo(staff);
        assertThat(accessOf(HttpMethod.POST, "/api/admin/replay")).isEqualTo(staff);
        assertThat(accessOf(HttpMethod.GET, "/api/plans")).isEqualTo(new Access.Authenticated());
        assertThat(accessOf(HttpMethod.GET, "/v3/api-docs")).isEqualTo(new Access.Authenticated());
        assertThat(accessOf(HttpMethod.GET, "/actuator/health/liveness")).isEqualTo(new Access.Public());
        assertThat(accessOf(HttpMethod.GET, "/actuator/prometheus")).isEqualTo(admin);
        assertThat(rules.ruleFor(HttpMethod.DELETE, "/api/accounts/u")).as("no rule: denied").isEmpty();
    }

    @Test
    void aUserReadsItsOwnAccountOnlyAndNoAdminRoute() {
        String ana = newUserId();
        String bob = newUserId();
        postGrant(ana, """
                {"amountCredits": 10, "reason": "open"}""");
        postGrant(bob, """
                {"amountCredits": 10, "reason": "open"}""");
        String anaToken = TOKENS.user(ana);
        assertThat(getAs("/api/accounts/" + ana, anaToken).status()).isEqualTo(200);
        assertThat(getAs("/api/accounts/" + ana + "/usage/by-day?from=2026-01-01&to=2026-01-31", anaToken).status()).isEqualTo(200);
        Response other = getAs("/api/accounts/" + bob + "/transactions", anaToken);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.errorCode()).isEqualTo("forbidden");
        assertThat(getAs("/api/admin/audit", anaToken).status()).isEqualTo(403);
        assertThat(getAs("/api/admin/usage/top-users?from=2026-01-01&to=2026-01-31", anaToken).status()).isEqualTo(403);
        assertThat(postJson("/api/admin/accounts/" + ana + "/grants", """
                {"amountCredits": 1000000, "reason": "myself"}""", "Bearer " + anaToken).status()).isEqualTo(403);
        assertThat(postJson("/api/admin/replay", "", "Bearer " + anaToken).status()).isEqualTo(403);
        assertThat(getAs("/api/plans", anaToken).status()).isEqualTo(200);
        assertThat(getAs("/actuator/prometheus", anaToken).status()).isEqualTo(403);
        Response anonymous = getAs("/api/accounts/" + ana, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
        assertThat(getAs("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void financeReadsReportsAndRunsReplaysButCannotGrant() {
        String user = newUserId();
        postGrant(user, """
                {"amountCredits": 10, "reason": "open"}""");
        String finance = TOKENS.finance();
        assertThat(getAs("/api/accounts/" + user + "/transactions", finance).status()).isEqualTo(200);
        assertThat(getAs("/api/admin/audit?userId=" + user, finance).status()).isEqualTo(200);
        assertThat(getAs("/api/admin/usage/by-model?from=2026-01-01&to=2026-01-31", finance).status()).isEqualTo(200);
        assertThat(postJson("/api/admin/accounts/" + user + "/grants", """
                {"amountCredits": 5, "reason": "x"}""", "Bearer " + finance).status()).isEqualTo(403);
        assertThat(postJson("/api/admin/accounts/" + user + "/block", """
                {"reason": "x"}""", "Bearer " + finance).status()).isEqualTo(403);

        Response replay = postJson("/api/admin/replay?source=event-store", "", "Bearer " + finance);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        JsonNode run = getAs("/api/admin/audit/replays", finance).json().get(0);
        assertThat(run.get("actor").asString()).isEqualTo("finance@example.com");
        assertThat(run.get("source").asString()).isEqualTo("event-store");
        assertThat(run.get("result").asString()).isIn("OK", "FAILED");
        assertThat(run.get("events").asLong()).isPositive();
    }

    @Test
    void theAccountsGridIsForStaffOnly() {
        String user = newUserId();
        postGrant(user, """
                {"amountCredits": 10, "reason": "open"}""");
        String path = "/api/admin/accounts?q=" + user;
        assertThat(getAs(path, TOKENS.admin()).json().get("total").asLong()).isEqualTo(1);
        assertThat(getAs(path, TOKENS.finance()).json().get("items").get(0).get("userId").asString()).isEqualTo(user);
        Response self = getAs(path, TOKENS.user(user));
        assertThat(self.status()).as("even a search for the user's own id").isEqualTo(403);
        assertThat(self.errorCode()).isEqualTo("forbidden");
        Response anonymous = getAs(path, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void theActorOfAnAdminActionIsTheEmailOfTheToken() {
        String user = newUserId();
        Response grant = postJson("/api/admin/accounts/" + user + "/grants", """
                {"amountCredits": 5, "reason": "support", "grantId": "support-1"}""",
                "Bearer " + TOKENS.admin("carla@example.com"));
        assertThat(grant.status()).as(grant.body()).isEqualTo(201);
        // A header the caller writes is not an identity any more.
        Response block = send(HttpRequest.newBuilder(uri("/api/admin/accounts/" + user + "/block"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_KEY)
                .header("X-Creditgate-Actor", "someone-else@example.com")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"reason": "abuse"}""")));
        assertThat(block.status()).isEqualTo(200);
        JsonNode items = get("/api/admin/audit?userId=" + user).json().get("items");
        assertThat(items.get(0).get("type").asString()).isEqualTo("BLOCK");
        assertThat(items.get(0).get("actor").asString()).isEqualTo("bootstrap-admin-key");
        assertThat(items.get(1).get("type").asString()).isEqualTo("GRANT");
        assertThat(items.get(1).get("actor").asString()).isEqualTo("carla@example.com");
    }

    @Test
    void badTokensAreRefused() {
        String user = newUserId();
        postGrant(user, """
                {"amountCredits": 10, "reason": "open"}""");
        for (String bad : List.of(TOKENS.expiredAdmin(), TOKENS.otherIssuerAdmin(), TOKENS.otherAudienceAdmin(),
                TOKENS.foreignKeyAdmin())) {
            Response response = getAs("/api/accounts/" + user, bad);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.errorCode()).isEqualTo("unauthorized");
        }
    }

    private Access accessOf(HttpMethod method, String path) {
        return rules.ruleFor(method, path).map(AccessRules.Rule::access).orElse(null);
    }
}
