package io.creditgate.console.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.schemas.identity.CreditgateToken;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

/** The organisation's IdP is a real OIDC provider (mock-oauth2-server) in this JVM; the console is its client. */
class FederatedSignInTest extends ConsoleTestBase {

    private static Browser signInAtIdp(String subject, Map<String, Object> claims) {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(IDP_ISSUER_ID, subject, "JWT", List.of(IDP_CLIENT_ID), claims, 300));
        Browser browser = new Browser(BASE);
        Browser.Response landed = browser.follow("/oauth2/authorization/idp");
        assertThat(landed.status()).as(landed.body()).isEqualTo(200);
        return browser;
    }

    @Test
    void aFirstSignInCreatesThePersonWithTheSubjectAsAccountAndMappedRoles() {
        String subject = "idp-" + UUID.randomUUID();
        String email = newEmail();
        Browser browser = signInAtIdp(subject, Map.of("email", email, "email_verified", true, "name", "Ana Souza",
                "roles", List.of("creditgate-admins", "unrelated-group")));
        Browser.Response me = browser.get("/api/me").expectStatus(200);
        assertThat(me.json().get("email").asString()).isEqualTo(email);
        assertThat(me.json().get("name").asString()).isEqualTo("Ana Souza");
        assertThat(me.json().get("accounts").toString()).isEqualTo("[\"" + subject + "\"]");
        assertThat(me.json().get("roles").toString()).contains("admin", "user").doesNotContain("finance");
        assertThat(auditOf("sign_in_succeeded", me.json().get("id").asString())).anySatisfy(row ->
                assertThat(row.get("details").toString()).contains("oidc"));

        // The relayed token names the IdP subject as the person's account, as LibreChat's {{LIBRECHAT_USER_OPENIDID}} does.
        browser.get("/api/accounts/" + subject).expectStatus(200);
        assertThat(DOWNSTREAM.last().jwt().getClaimAsStringList(CreditgateToken.ACCOUNTS)).containsExactly(subject);
    }

    @Test
    void theIdpRolesAreReplacedAtEverySignInAndThePersonStaysTheSame() {
        String subject = "idp-" + UUID.randomUUID();
        String email = newEmail();
        String id = signInAtIdp(subject, Map.of("email", email, "roles", List.of("accounting"))).get("/api/me").json().get("id").asString();
        Browser again = signInAtIdp(subject, Map.of("email", email, "roles", List.of()));
        Browser.Response me = again.get("/api/me").expectStatus(200);
        assertThat(me.json().get("id").asString()).isEqualTo(id);
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"user\"]");
    }

    @Test
    void aVerifiedEmailLinksTheBuiltInPersonAnAdminInvited() {
        String email = newEmail();
        String builtInId = invitedPerson(email, "linked-person-password").get("/api/me").json().get("id").asString();
        Browser federated = signInAtIdp("idp-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true));
        assertThat(federated.get("/api/me").json().get("id").asString()).isEqualTo(builtInId);
    }

    @Test
    void anUnverifiedEmailOfAnExistingPersonIsRefused() {
        String email = newEmail();
        invitedPerson(email, "not-linked-password");
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(IDP_ISSUER_ID, "idp-" + UUID.randomUUID(), "JWT", List.of(IDP_CLIENT_ID),
                Map.of("email", email, "email_verified", false), 300));
        Browser browser = new Browser(BASE);
        Browser.Response landed = browser.follow("/oauth2/authorization/idp");
        assertThat(landed.body()).contains("identity provider did not succeed");
        browser.get("/api/me").expectStatus(401);
    }

    @Test
    void aDisabledPersonCannotSignInThroughTheIdp() {
        String subject = "idp-" + UUID.randomUUID();
        String id = signInAtIdp(subject, Map.of("email", newEmail())).get("/api/me").json().get("id").asString();
        admin().postJson("/api/people/" + id + "/disable", null).expectStatus(200);
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(IDP_ISSUER_ID, subject, "JWT", List.of(IDP_CLIENT_ID), Map.of(), 300));
        Browser browser = new Browser(BASE);
        assertThat(browser.follow("/oauth2/authorization/idp").body()).contains("disabled");
        browser.get("/api/me").expectStatus(401);
    }
}
