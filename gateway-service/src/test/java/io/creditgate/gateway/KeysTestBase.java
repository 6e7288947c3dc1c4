package io.creditgate.gateway;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.creditgate.platform.embedded.LocalPostgres;
import tools.jackson.databind.JsonNode;

/**
 * What tests of virtual keys and JWTs need on the shared gateway of {@link GatewayTestBase}: a fresh PostgreSQL
 * database, the bootstrap admin key, the console's tokens ({@link Console}) and an HS256 secret for /v1's own JWTs
 * (set for every end-to-end test), and helpers for the key API.
 */
abstract class KeysTestBase extends GatewayTestBase {

    static final String ADMIN_KEY = "test-admin-key-0123456789";
    static final String JWT_SECRET = "test-jwt-secret-of-at-least-32-bytes-0123456789";
    private static final String DATABASE_URL = LocalPostgres.shared().createDatabase();

    /**
     * Called from {@link GatewayTestBase#gatewayProperties}, so that key and JWT tests share the one gateway
     * context of every end-to-end test instead of starting a second gateway.
     */
    static void keysProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> LocalPostgres.shared().username());
        registry.add("spring.datasource.password", () -> LocalPostgres.shared().password());
        registry.add("creditgate.admin-key", () -> ADMIN_KEY);
        registry.add("creditgate.auth.issuer", Console::issuer);
        registry.add("creditgate.auth.jwk-set-uri", Console::jwkSetUri);
        registry.add("creditgate.identity.jwt.secret", () -> JWT_SECRET);
    }

    static String databaseUrl() {
        return DATABASE_URL;
    }

    /** {@code POST /api/keys} with the admin key; returns the answer's JSON (the key included). */
    JsonNode createKey(String user, Long budgetCredits) {
        String body = "{\"userId\":\"" + user + "\",\"name\":\"test key\""
                + (budgetCredits == null ? "" : ",\"budgetCredits\":" + budgetCredits) + "}";
        HttpResponse<String> created = keyApi("POST", "/api/keys", ADMIN_KEY, body);
        if (created.statusCode() != 201) {
            throw new AssertionError("key not created: " + created.statusCode() + " " + created.body());
        }
        return json(created.body());
    }

    HttpResponse<String> keyApi(String method, String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** A chat call with the credential as bearer token, and no user header. */
    HttpResponse<String> chatWith(String bearer, String text) {
        return post(Map.of("Authorization", "Bearer " + bearer), chatBody("gpt-4o-mini", text));
    }

    /** An HS256 token signed with the gateway's secret, valid for 5 minutes. */
    static String userToken(String user, String... roles) {
        return hs256(JWT_SECRET, new JWTClaimsSet.Builder().subject(user).claim("roles", List.of(roles))
                .expirationTime(java.util.Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build());
    }

    static String hs256(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String errorCode(HttpResponse<String> response) {
        return json(response.body()).at("/error/code").asString();
    }
}
