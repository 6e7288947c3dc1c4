package io.creditgate.web.testing;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.creditgate.schemas.identity.CreditgateToken;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Access tokens from a real issuer: {@code no.nav.security:mock-oauth2-server} started once per JVM (every test
 * class of a module shares it, and so one Spring context), signing RS256 tokens with the console's claims.
 */
public final class TestTokens {

    /** The issuer id: the issuer URL is {@code http://localhost:<port>/creditgate}. */
    public static final String ISSUER_ID = "creditgate";
    private static final long LIFETIME_SECONDS = 3_600;
    private static final TestTokens SHARED = new TestTokens();

    private final MockOAuth2Server server;

    private TestTokens() {
        server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "mock-oauth2-server-stop"));
    }

    public static TestTokens shared() {
        return SHARED;
    }

    /** Points the service under test at this issuer. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("creditgate.auth.issuer", SHARED::issuer);
        registry.add("creditgate.auth.jwk-set-uri", SHARED::jwkSetUri);
    }

    public String issuer() {
        return server.issuerUrl(ISSUER_ID).toString();
    }

    public String jwkSetUri() {
        return server.jwksUrl(ISSUER_ID).toString();
    }

    /** A role {@code user} owning {@code accounts}; its email is the first account's name at example.com. */
    public String user(String... accounts) {
        return token("user-" + UUID.randomUUID(), (accounts.length > 0 ? accounts[0] : "nobody") + "@example.com",
                List.of("user"), List.of(accounts));
    }

    public String admin(String email) {
        return token("admin-" + UUID.randomUUID(), email, List.of("admin"), List.of());
    }

    public String admin() {
        return admin("admin@example.com");
    }

    public String finance() {
        return token("finance-" + UUID.randomUUID(), "finance@example.com", List.of("finance"), List.of());
    }

    /** A token as the console issues it. */
    public String token(String subject, String email, List<String> roles, List<String> accounts) {
        return issue(ISSUER_ID, subject, List.of(CreditgateToken.AUDIENCE), claims(email, roles, accounts), LIFETIME_SECONDS);
    }

    /** An admin's token that expired ten minutes ago (beyond the validators' one minute of clock skew). */
    public String expiredAdmin() {
        return issue(ISSUER_ID, "admin-expired", List.of(CreditgateToken.AUDIENCE),
                claims("admin@example.com", List.of("admin"), List.of()), -600);
    }

    /** An admin's token from another issuer of the same server (another {@code iss}, another key). */
    public String otherIssuerAdmin() {
        return issue("elsewhere", "admin-elsewhere", List.of(CreditgateToken.AUDIENCE),
                claims("admin@example.com", List.of("admin"), List.of()), LIFETIME_SECONDS);
    }

    /** An admin's token of the right issuer and key, meant for another audience. */
    public String otherAudienceAdmin() {
        return issue(ISSUER_ID, "admin-other-audience", List.of("another-api"),
                claims("admin@example.com", List.of("admin"), List.of()), LIFETIME_SECONDS);
    }

    /** An admin's token with the right claims, signed by a key the issuer never published. */
    public String foreignKeyAdmin() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("foreign").generate();
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).subject("admin-foreign")
                    .audience(CreditgateToken.AUDIENCE).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(LIFETIME_SECONDS))).claim(CreditgateToken.ROLES, List.of("admin"))
                    .claim(CreditgateToken.EMAIL, "admin@example.com").build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> claims(String email, List<String> roles, List<String> accounts) {
        return Map.of(CreditgateToken.EMAIL, email, CreditgateToken.NAME, email, CreditgateToken.ROLES, roles,
                CreditgateToken.ACCOUNTS, accounts, CreditgateToken.TOKEN_USE, CreditgateToken.SESSION);
    }

    private String issue(String issuerId, String subject, List<String> audience, Map<String, Object> claims, long expirySeconds) {
        return server.issueToken(issuerId, "console", new DefaultOAuth2TokenCallback(issuerId, subject,
                JOSEObjectType.JWT.getType(), audience, claims, expirySeconds)).serialize();
    }
}
