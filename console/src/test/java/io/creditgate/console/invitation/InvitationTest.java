package io.creditgate.console.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.console.token.Secrets;
import org.junit.jupiter.api.Test;

class InvitationTest extends ConsoleTestBase {

    @Test
    void anInvitedPersonFollowsTheMailedLinkSetsAPasswordAndOwnsTheAccountOfTheirEmail() {
        String email = newEmail();
        Browser admin = admin();
        Browser.Response created = admin.postJson("/api/people", "{\"email\":\"" + email + "\",\"name\":\"Rui\"}").expectStatus(201);
        assertThat(created.json().get("passwordSet").asBoolean()).isFalse();
        String link = linkIn(awaitMailTo(email, "invited"));
        String token = link.substring(link.indexOf("#token=") + 7);
        assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(jdbc.queryForObject("SELECT count(*) FROM link_token WHERE token_hash = ?", Long.class, Secrets.sha256(token)))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM link_token WHERE token_hash = ?", Long.class, token)).isZero();

        assertThat(link).as("the token travels in the fragment, never sent to a server").contains("/set-password#token=");
        Browser person = new Browser(BASE);
        Browser.Response tooShort = person.setPassword(link, "short-pass");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("at least 12 characters");
        person.setPassword(link, "a-good-long-password").expectRedirectTo("/login?password-set");
        // Single use.
        assertThat(new Browser(BASE).setPassword(link, "a-second-long-password").status()).isEqualTo(410);

        person.signIn(email, "a-good-long-password").expectRedirectTo("/");
        Browser.Response me = person.get("/api/me").expectStatus(200);
        assertThat(me.json().get("accounts").toString()).isEqualTo("[\"" + email + "\"]");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"user\"]");
        assertThat(auditOf("invitation_sent", me.json().get("id").asString())).hasSize(1);
        assertThat(auditOf("password_set", me.json().get("id").asString())).hasSize(1);
    }

    @Test
    void forgotPasswordAnswersTheSameForUnknownEmailsAndMailsOnlyKnownOnes() {
        String known = newEmail();
        invitedPerson(known, "known-person-password");
        String unknown = newEmail();
        Browser.Response a = new Browser(BASE).submit("/forgot-password", "/forgot-password", Map.of("email", known)).expectStatus(200);
        Browser.Response b = new Browser(BASE).submit("/forgot-password", "/forgot-password", Map.of("email", unknown)).expectStatus(200);
        assertThat(a.body()).contains("If an account exists for that email, we sent it a link to choose a new password.").isEqualTo(b.body());
        String link = linkIn(awaitMailTo(known, "Reset"));
        assertThat(mailsTo(unknown, "")).isEmpty();
        new Browser(BASE).setPassword(link, "brand-new-password").expectRedirectTo("/login?password-set");
        new Browser(BASE).signIn(known, "brand-new-password").expectRedirectTo("/");
    }

    @Test
    void anExpiredLinkIsRefused() {
        String email = newEmail();
        admin().postJson("/api/people", "{\"email\":\"" + email + "\"}").expectStatus(201);
        String link = linkIn(awaitMailTo(email, "invited"));
        String token = link.substring(link.indexOf("#token=") + 7);
        jdbc.update("UPDATE link_token SET expires_at = now() - interval '1 second' WHERE token_hash = ?", Secrets.sha256(token));
        assertThat(new Browser(BASE).setPassword(link, "too-late-password").status()).isEqualTo(410);
    }

    @Test
    void emailsAreUniqueWhateverTheirCase() {
        String email = newEmail();
        Browser admin = admin();
        admin.postJson("/api/people", "{\"email\":\"" + email + "\"}").expectStatus(201);
        assertThat(admin.postJson("/api/people", "{\"email\":\"" + email.toUpperCase() + "\"}").expectStatus(409).errorCode())
                .isEqualTo("email_taken");
    }
}
