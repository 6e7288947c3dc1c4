package io.creditgate.gateway;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.creditgate.schemas.identity.CreditgateToken;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The console as the gateway's tests see it: a real OpenID provider ({@code mock-oauth2-server}, started once per
 * JVM) issuing RS256 access tokens with the claims of {@link CreditgateToken}, its JWKS served over HTTP.
 */
final class Console {

    static final String ISSUER_ID = "console";
    static final String CLIENT_ID = "creditgate-console";
    private static final MockOAuth2Server SERVER = start();

    private Console() {
    }

    private static MockOAuth2Server start() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    static String issuer() {
        return SERVER.issuerUrl(ISSUER_ID).toString();
    }

    static String jwkSetUri() {
        return SERVER.jwksUrl(ISSUER_ID).toString();
    }

    /** A session token of a person (sub), their email, roles and accounts; valid for 5 minutes. */
    static String token(String subject, List<String> roles, List<String> accounts) {
        return issue(ISSUER_ID, subject, List.of(CreditgateToken.AUDIENCE), claims(subject + "@example.com", roles, accounts),
                Duration.ofMinutes(5));
    }

    /** A user who owns the one account. */
    static String user(String account) {
        return token("p-" + account, List.of("user"), List.of(account));
    }

    static String admin() {
        return token("p-admin", List.of("admin"), List.of());
    }

    static String finance() {
        return token("p-finance", List.of("finance"), List.of());
    }

    /** Any token, as the mock provider issues it: another issuer id is another issuer with its own keys. */
    static String issue(String issuerId, String subject, List<String> audience, Map<String, Object> claims, Duration lifetime) {
        return SERVER.issueToken(issuerId, CLIENT_ID, new DefaultOAuth2TokenCallback(issuerId, subject,
                JOSEObjectType.JWT.getType(), audience, claims, lifetime.toSeconds())).serialize();
    }

    static Map<String, Object> claims(String email, List<String> roles, List<String> accounts) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(CreditgateToken.EMAIL, email);
        claims.put(CreditgateToken.ROLES, roles);
        claims.put(CreditgateToken.ACCOUNTS, accounts);
        claims.put(CreditgateToken.TOKEN_USE, CreditgateToken.SESSION);
        return claims;
    }

    /**
     * A token with every claim right (issuer, audience, expiry, even the console's key id) but signed with a key the
     * console never published: what a forger would send.
     */
    static String signedWithForeignKey(String subject) {
        try {
            String consoleKeyId = SignedJWT.parse(admin()).getHeader().getKeyID();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair foreign = generator.generateKeyPair();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(subject)
                    .audience(CreditgateToken.AUDIENCE).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                    .issueTime(new Date());
            claims(subject + "@example.com", List.of("admin"), List.of()).forEach(claims::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(consoleKeyId)
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) foreign.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException | NoSuchAlgorithmException | java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
