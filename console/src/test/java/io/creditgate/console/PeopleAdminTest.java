package io.creditgate.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeopleAdminTest extends ConsoleTestBase {

    @Test
    void adminChangesRolesAndAccountsAndEveryChangeIsAudited() {
        String email = newEmail();
        Browser admin = admin();
        String id = admin.postJson("/api/people", "{\"email\":\"" + email + "\",\"roles\":[\"finance\"]}").expectStatus(201)
                .json().get("id").asString();
        Browser.Response roles = admin.sendJson("PUT", "/api/people/" + id + "/roles", "{\"roles\":[\"admin\"]}").expectStatus(200);
        assertThat(roles.json().get("roles").toString()).isEqualTo("[\"admin\",\"user\"]");
        Browser.Response accounts = admin.sendJson("PUT", "/api/people/" + id + "/accounts",
                "{\"accounts\":[\"" + email + "\",\"team-42\"]}").expectStatus(200);
        assertThat(accounts.json().get("accounts").toString()).isEqualTo("[\"" + email + "\",\"team-42\"]");
        assertThat(admin.get("/api/people?q=" + email.substring(0, 10)).json().toString()).contains(id);
        assertThat(auditOf("person_created", id)).hasSize(1);
        assertThat(auditOf("roles_changed", id).get(0).get("details").toString()).contains("finance", "admin");
        assertThat(auditOf("accounts_changed", id).get(0).get("actor")).isEqualTo(ADMIN_EMAIL);
    }

    @Test
    void badInputIsAClearJsonError() {
        Browser admin = admin();
        String id = admin.postJson("/api/people", "{\"email\":\"" + newEmail() + "\"}").json().get("id").asString();
        assertThat(admin.postJson("/api/people", "{\"email\":\"not-an-email\"}").expectStatus(400).errorCode()).isEqualTo("email_invalid");
        assertThat(admin.postJson("/api/people", "{\"email\":").expectStatus(400).errorCode()).isEqualTo("invalid_json");
        assertThat(admin.sendJson("PUT", "/api/people/" + id + "/roles", "{\"roles\":[\"owner\"]}").expectStatus(400).errorCode())
                .isEqualTo("role_unknown");
        assertThat(admin.sendJson("PUT", "/api/people/" + id + "/accounts", "{\"accounts\":[\"{{LIBRECHAT_USER_ID}}\"]}")
                .expectStatus(400).errorCode()).isEqualTo("user_unresolved");
        assertThat(admin.sendJson("PUT", "/api/people/" + id + "/accounts", "{\"accounts\":[]}").expectStatus(400).errorCode())
                .isEqualTo("accounts_invalid");
        assertThat(admin.get("/api/people/p-nobody").expectStatus(404).errorCode()).isEqualTo("not_found");
    }

    @Test
    void anAdminCannotDisableThemselvesButDisablesOthersWhoseSessionsEndAtOnce() {
        Browser admin = admin();
        String adminId = admin.get("/api/me").json().get("id").asString();
        assertThat(admin.postJson("/api/people/" + adminId + "/disable", null).expectStatus(409).errorCode()).isEqualTo("self_disable");

        String email = newEmail();
        Browser person = invitedPerson(email, "soon-disabled-password");
        String id = person.get("/api/me").json().get("id").asString();
        admin.postJson("/api/people/" + id + "/disable", null).expectStatus(200);
        person.get("/api/me").expectStatus(401);
        new Browser(BASE).signIn(email, "soon-disabled-password").expectRedirectTo("/login?error");
        assertThat(auditOf("person_disabled", id)).hasSize(1);
    }

    @Test
    void financeReadsPeopleAndTheAuditButCannotCreatePeopleAndUsersReachNeither() {
        Browser finance = invitedPerson(newEmail(), "finance-reader-password", "finance");
        finance.get("/api/people").expectStatus(200);
        finance.get("/api/access-audit?limit=5").expectStatus(200);
        assertThat(finance.postJson("/api/people", "{\"email\":\"" + newEmail() + "\"}").expectStatus(403).errorCode())
                .isEqualTo("forbidden");
        Browser user = invitedPerson(newEmail(), "plain-user-password");
        user.get("/api/people").expectStatus(403);
        user.get("/api/access-audit").expectStatus(403);
        user.get("/api/api-tokens").expectStatus(403);
    }
}
