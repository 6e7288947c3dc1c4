package io.creditgate.gateway.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import io.creditgate.gateway.web.GatewayException;

/**
 * RS256 tokens checked against the public keys of a JWKS URL (a local JDK HttpServer stands in for the identity
 * provider), with issuer, audience, nested claims and the failures a client can cause.
 */
class JwtAuthenticationTest {

    private static final String ISSUER = "https://login.example";
    private static final String AUDIENCE = "creditgate";
    private static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    private static HttpServer jwks;
    private static RSAKey signingKey;
    private static RSAKey unpublishedKey;


    @BeforeAll
    static void startJwks() throws IOException, JOSEException {
        signingKey = new RSAKeyGenerator(2048).keyID("key-1").generate();
        unpublishedKey = new RSAKeyGenerator(2048).keyID("key-2").generate();
        byte[] published = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            JWKS_FETCHES.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        jwks.start();
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    @Test
    void rs256TokenFromTheJwksNamesItsUserAndRoles() {
        JwtAuthentication authentication = authentication("sub", "roles");

        JwtCaller caller = authentication.authenticate(rs256(signingKey, claims("alice")
                .claim("roles", List.of("user", "finance")).build())).block();

        assertThat(caller.userId().value()).isEqualTo("alice");
        assertThat(caller.roles()).containsExactlyInAnyOrder("user", "finance");
        assertThat(caller.hasRole("admin")).isFalse();
        // The key set is fetched once and kept: a second token costs no fetch.
        int fetches = JWKS_FETCHES.get();
        authentication.authenticate(rs256(signingKey, claims("bob").build())).block();
        assertThat(JWKS_FETCHES.get()).isEqualTo(fetches);
    }

    @Test
    void userAndRolesComeFromConfiguredClaimsNestedOnesIncluded() {
        JwtAuthentication authentication = authentication("email", "realm_access.roles");

        JwtCaller caller = authentication.authenticate(rs256(signingKey, claims("ignored-sub")
                .claim("email", "carol@example.com")
                .claim("realm_access", Map.of("roles", List.of("admin"))).build())).block();

        assertThat(caller.userId().value()).isEqualTo("carol@example.com");
        assertThat(caller.hasRole("admin")).isTrue();
        assertThat(authentication("sub", "scope").authenticate(rs256(signingKey, claims("dave")
                .claim("scope", "user finance").build())).block().roles()).containsExactlyInAnyOrder("user", "finance");
    }

    @Test
    void wrongIssuerAudienceKeyOrAlgorithmIsInvalid() {
        JwtAuthentication authentication = authentication("sub", "roles");

        assertRefused(authentication, rs256(signingKey, claims("eve").issuer("https://evil.example").build()),
                "jwt_invalid", "issued by");
        assertRefused(authentication, rs256(signingKey, claims("eve").audience("someone-else").build()),
                "jwt_invalid", "audience");
        assertRefused(authentication, rs256(unpublishedKey, claims("eve").build()), "jwt_invalid", "not valid");
        assertRefused(authentication, rs256(signingKey, claims("eve")
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build()), "jwt_expired", "expired");
        assertRefused(authentication, rs256(signingKey, claims("eve")
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build()), "jwt_invalid", "not valid before");
        assertRefused(authentication, rs256(signingKey, claims(null).build()), "jwt_invalid", "'sub'");
    }

    @Test
    void expiryAllowsTheConfiguredClockSkew() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        JwtProperties properties = new JwtProperties(null, jwksUrl(), ISSUER, AUDIENCE, "sub", "roles", Duration.ofSeconds(60));
        JwtAuthentication justAfterExpiry = new JwtAuthentication(properties,
                Clock.fixed(now, java.time.ZoneOffset.UTC));
        JWTClaimsSet.Builder expiredThirtySecondsAgo = claims("frank").expirationTime(Date.from(now.minusSeconds(30)));
        JWTClaimsSet.Builder expiredTwoMinutesAgo = claims("frank").expirationTime(Date.from(now.minusSeconds(120)));

        assertThat(justAfterExpiry.authenticate(rs256(signingKey, expiredThirtySecondsAgo.build())).block().userId().value())
                .isEqualTo("frank");
        assertRefused(justAfterExpiry, rs256(signingKey, expiredTwoMinutesAgo.build()), "jwt_expired", "expired");
    }

    @Test
    void unreachableJwksIsTheGatewaysProblemNotTheTokens() {
        JwtProperties properties = new JwtProperties(null, "http://127.0.0.1:1/jwks.json", null, null, "sub", "roles",
                Duration.ofSeconds(60));
        JwtAuthentication authentication = new JwtAuthentication(properties, Clock.systemUTC());

        assertThatThrownBy(() -> authentication.authenticate(rs256(signingKey, claims("gina").build())).block())
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status().value()).isEqualTo(503);
                    assertThat(e.error().code()).isEqualTo("jwt_keys_unavailable");
                });
    }

    @Test
    void propertiesRefuseAWeakSecretAndTwoWaysAtOnce() {
        assertThatThrownBy(() -> new JwtProperties("short", null, null, null, "sub", "roles", Duration.ZERO))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new JwtProperties("x".repeat(32), jwksUrl(), null, null, "sub", "roles", Duration.ZERO))
                .hasMessageContaining("not both");
        assertThat(new JwtProperties(" ", "", null, null, "sub", "roles", Duration.ZERO).enabled()).isFalse();
        assertThat(new JwtProperties("x".repeat(32), null, null, null, "sub", "roles", Duration.ZERO).toString())
                .doesNotContain("xxxx");
    }

    private JwtAuthentication authentication(String userClaim, String rolesClaim) {
        JwtProperties properties = new JwtProperties(null, jwksUrl(), ISSUER, AUDIENCE, userClaim, rolesClaim,
                Duration.ofSeconds(60));
        return new JwtAuthentication(properties, Clock.systemUTC());
    }

    private static void assertRefused(JwtAuthentication authentication, String token, String code, String messagePart) {
        assertThatThrownBy(() -> authentication.authenticate(token).block())
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().status().value()).isEqualTo(401);
                    assertThat(e.error().code()).isEqualTo(code);
                    assertThat(e.error().message()).contains(messagePart);
                });
    }

    private static String jwksUrl() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
    }

    private static JWTClaimsSet.Builder claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))));
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
