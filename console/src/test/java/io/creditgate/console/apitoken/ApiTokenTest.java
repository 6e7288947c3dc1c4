package io.creditgate.console.apitoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.schemas.identity.CreditgateToken;
import org.junit.jupiter.api.Test;

class ApiTokenTest extends ConsoleTestBase {

    private static Browser.Response call(String token, String path) {
        return new Browser(BASE).send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + token));
    }

    @Test
    void aScriptCallsWithItsTokenUntilItIsRevoked() {
        String creator = newEmail();
        Browser admin = invitedPerson(creator, "admin-and-finance-password", "admin", "finance");
        Browser.Response created = admin.postJson("/api/api-tokens",
                "{\"name\":\"nightly report\",\"roles\":[\"finance\"],\"expiresInDays\":30}").expectStatus(201);
        String token = created.json().get("token").asString();
        String id = created.json().get("apiToken").get("id").asString();
        assertThat(token).startsWith("cgt_").hasSizeGreaterThan(40);

        Browser.Response relayed = call(token, "/api/admin/usage/summary?month=2026-11").expectStatus(200);
        assertThat(String.valueOf(relayed.headers().get("set-cookie"))).as("a script's call opens no session")
                .doesNotContain("CREDITGATE_SESSION");
        assertThat(DOWNSTREAM.last().jwt().getClaimAsString(CreditgateToken.TOKEN_USE)).isEqualTo(CreditgateToken.API_TOKEN);
        assertThat(DOWNSTREAM.last().jwt().getClaimAsStringList(CreditgateToken.ROLES)).containsExactly("finance");
        assertThat(DOWNSTREAM.last().jwt().getClaimAsString(CreditgateToken.EMAIL)).isEqualTo(creator);
        Browser.Response me = call(token, "/api/me").expectStatus(200);
        assertThat(me.json().get("via").asString()).isEqualTo("api_token");
        // What the token reaches, not what its creator does: finance only, and none of the creator's accounts.
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"finance\"]");
        assertThat(me.json().get("accounts").toString()).isEqualTo("[]");
        // Its roles bound it at the console too: finance reads the audit but does not create people.
        call(token, "/api/access-audit").expectStatus(200);
        assertThat(new Browser(BASE).send(HttpRequest.newBuilder(URI.create(BASE + "/api/people")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@y.z\"}")))
                .status()).isEqualTo(403);

        Browser.Response list = admin.get("/api/api-tokens").expectStatus(200);
        assertThat(list.body()).contains(id).doesNotContain(token).doesNotContain("token_hash");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token WHERE token_hash LIKE ?", Long.class, "%" + token + "%"))
                .isZero();

        admin.sendJson("DELETE", "/api/api-tokens/" + id, null).expectStatus(200);
        assertThat(call(token, "/api/accounts/x").expectStatus(401).errorCode()).isEqualTo("invalid_token");
        assertThat(auditOf("api_token_created", id)).hasSize(1);
        assertThat(auditOf("api_token_revoked", id)).hasSize(1);
    }

    @Test
    void aTokenGetsOnlyRolesItsCreatorHas() {
        String email = newEmail();
        invitedPerson(email, "finance-person-password", "finance");
        Browser admin = admin();
        // The admin has user+admin, not finance.
        Browser.Response refused = admin.postJson("/api/api-tokens", "{\"name\":\"x\",\"roles\":[\"finance\"],\"expiresInDays\":1}");
        assertThat(refused.expectStatus(400).errorCode()).isEqualTo("roles_not_yours");
        assertThat(admin.postJson("/api/api-tokens", "{\"name\":\"x\",\"roles\":[\"root\"],\"expiresInDays\":1}")
                .expectStatus(400).errorCode()).isEqualTo("role_unknown");
        assertThat(admin.postJson("/api/api-tokens", "{\"name\":\"x\",\"roles\":[\"admin\"],\"expiresInDays\":9999}")
                .expectStatus(400).errorCode()).isEqualTo("expiry_invalid");
        assertThat(admin.postJson("/api/api-tokens", "{\"name\":\"x\",\"roles\":[\"user\"],\"accounts\":[\"a b\"],\"expiresInDays\":1}")
                .expectStatus(400).errorCode()).isEqualTo("user_invalid");
    }

    @Test
    void unknownTokensAreRefused() {
        assertThat(call("cgt_" + "A".repeat(43), "/api/me").expectStatus(401).errorCode()).isEqualTo("invalid_token");
    }
}
