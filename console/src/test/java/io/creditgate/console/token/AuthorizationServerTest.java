package io.creditgate.console.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.creditgate.console.Browser;
import io.creditgate.console.ConsoleTestBase;
import io.creditgate.console.Downstream;
import io.creditgate.schemas.identity.CreditgateToken;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.util.UriComponentsBuilder;

class AuthorizationServerTest extends ConsoleTestBase {

    private static final String CLIENT = "creditgate-console";
    private static final String REDIRECT = BASE + "/login/oauth2/code/creditgate";

    @Test
    void discoveryAndJwksArePublishedWithTheConsoleAsIssuer() {
        Browser anyone = new Browser(BASE);
        Browser.Response discovery = anyone.get("/.well-known/openid-configuration").expectStatus(200);
        assertThat(discovery.json().get("issuer").asString()).isEqualTo(BASE);
        assertThat(discovery.json().get("jwks_uri").asString()).isEqualTo(BASE + "/oauth2/jwks");
        Browser.Response jwks = anyone.get("/oauth2/jwks").expectStatus(200);
        assertThat(jwks.json().get("keys").size()).isBetween(1, 2);
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":", "\"p\":", "\"q\":");
    }

    @Test
    void authorizationCodeWithPkceIssuesAnAccessTokenWithCreditgateClaims() throws Exception {
        Jwt jwt = DOWNSTREAM.decode(accessTokenFor(admin()));
        assertThat(jwt.getIssuer().toString()).isEqualTo(BASE);
        assertThat(jwt.getAudience()).contains(CreditgateToken.AUDIENCE);
        assertThat(jwt.getSubject()).startsWith("p-");
        assertThat(jwt.getClaimAsString(CreditgateToken.EMAIL)).isEqualTo(ADMIN_EMAIL);
        assertThat(jwt.getClaimAsStringList(CreditgateToken.ROLES)).containsExactlyInAnyOrder("admin", "user");
        assertThat(jwt.getClaimAsStringList(CreditgateToken.ACCOUNTS)).containsExactly(ADMIN_EMAIL);
        assertThat(jwt.getClaimAsString(CreditgateToken.TOKEN_USE)).isEqualTo(CreditgateToken.SESSION);
        assertThat(jwt.getExpiresAt()).isBetween(jwt.getIssuedAt().plusSeconds(290), jwt.getIssuedAt().plusSeconds(300));
        assertThat(jwt.getHeaders().get("alg")).hasToString("RS256");
    }

    @Test
    void tokensSignedBeforeARotationKeepValidatingAndNewOnesUseTheNewKey() throws Exception {
        Browser admin = admin();
        String before = accessTokenFor(admin);
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        Browser.Response rotated = admin.postJson("/api/signing-keys/rotate", null).expectStatus(200);
        String newKid = rotated.json().get("kid").asString();
        assertThat(newKid).isNotEqualTo(oldKid);

        Browser.Response jwks = new Browser(BASE).get("/oauth2/jwks");
        assertThat(jwks.body()).contains(oldKid, newKid);
        // A resource server that never saw the new key set (fresh decoder) still accepts the old token...
        assertThat(Downstream.resourceServerDecoder(BASE).decode(before).getSubject()).startsWith("p-");
        // ...and the next token is signed with the new key.
        String after = accessTokenFor(admin);
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        assertThat(Downstream.resourceServerDecoder(BASE).decode(after).getSubject()).startsWith("p-");
        assertThat(auditOf("signing_key_rotated", newKid)).hasSize(1);
    }

    @Test
    void onlyAnAdminRotatesKeys() {
        Browser user = invitedPerson(newEmail(), "a-long-enough-password-1");
        assertThat(user.postJson("/api/signing-keys/rotate", null).expectStatus(403).errorCode()).isEqualTo("forbidden");
        assertThat(new Browser(BASE).postJson("/api/signing-keys/rotate", null).status()).isIn(401, 403);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedByTheSameCheck() {
        String foreign = IDP.issueToken(IDP_ISSUER_ID, "someone", new no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback(
                IDP_ISSUER_ID, "someone", "JWT", List.of(CreditgateToken.AUDIENCE), Map.of(), 60)).serialize();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DOWNSTREAM.decode(foreign))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtException.class);
    }

    /** The authorization-code flow with PKCE as a client of the console would run it, for a signed-in browser. */
    static String accessTokenFor(Browser browser) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = UriComponentsBuilder.fromUriString(BASE + "/oauth2/authorize").queryParam("response_type", "code")
                .queryParam("client_id", CLIENT).queryParam("redirect_uri", REDIRECT).queryParam("scope", "openid")
                .queryParam("state", "s1").queryParam("code_challenge", challenge).queryParam("code_challenge_method", "S256")
                .build().toUriString();
        Browser.Response redirect = browser.get(authorize);
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        String location = redirect.header("Location");
        assertThat(location).startsWith(REDIRECT);
        String code = UriComponentsBuilder.fromUri(URI.create(location)).build().getQueryParams().getFirst("code");
        Browser.Response token = new Browser(BASE).postForm("/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", java.net.URLDecoder.decode(code, StandardCharsets.UTF_8),
                "redirect_uri", REDIRECT, "client_id", CLIENT, "code_verifier", verifier)).expectStatus(200);
        return token.json().get("access_token").asString();
    }
}
