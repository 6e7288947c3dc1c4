package io.creditgate.platform.attacks;

import static io.creditgate.platform.attacks.Attacks.assertClearError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, tokens: every service that takes the console's JWTs refuses one with {@code alg: none}, one signed by a
 * key that is not the console's (under the console's own key id), one HMAC-signed with the console's public key
 * (the algorithm-confusion attack), and — signed with the console's real key, read from its database as an
 * attacker who stole nothing but a backup would — one that expired, one from another issuer, one for another
 * audience. The same claims, well signed, are served: so each refusal is for the one thing wrong.
 */
@OnTestPlatform
class TokenAttackTest {

    private static RSAKey consoleKey;

    @BeforeAll
    static void readTheConsolesSigningKey() throws Exception {
        try (Connection db = DriverManager.getConnection(RunningPlatform.consoleJdbcUrl(), RunningPlatform.postgresUser(),
                RunningPlatform.postgresPassword());
             ResultSet newest = db.createStatement().executeQuery("SELECT jwk FROM signing_key ORDER BY created_at DESC LIMIT 1")) {
            if (!newest.next()) {
                // No token was minted yet: a sign-in makes the console create its first key.
                RunningPlatform.signedInAdmin();
                readTheConsolesSigningKey();
                return;
            }
            consoleKey = RSAKey.parse(newest.getString("jwk"));
        }
    }

    /** Admin-only reads of every resource server, each answering 200 to a good admin token. */
    private static List<String> protectedUrls() {
        String user = "token-victim-" + UUID.randomUUID();
        return List.of(RunningPlatform.gatewayUrl() + "/api/keys?userId=" + user,
                RunningPlatform.ledgerUrl() + "/api/admin/audit",
                RunningPlatform.alertUrl() + "/api/notifications?userId=" + user,
                RunningPlatform.paymentUrl() + "/api/payments/purchases");
    }

    private static JWTClaimsSet.Builder adminClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(RunningPlatform.consoleUrl()).audience("creditgate")
                .subject("p-" + UUID.randomUUID()).claim("email", "forger@example.com").claim("name", "Forger")
                .claim("roles", List.of("admin", "finance", "user")).claim("accounts", List.of())
                .claim("token_use", "session").issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    private static String signedByConsole(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder claims = adminClaims();
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(consoleKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(consoleKey));
        return jwt.serialize();
    }

    @Test
    void theSameClaimsWellSignedAreServed() throws Exception {
        String good = signedByConsole(claims -> { });
        for (String url : protectedUrls()) {
            assertThat(Attacks.get(url, good).statusCode()).as(url).isEqualTo(200);
        }
    }

    @Test
    void anUnsignedTokenIsRefused() throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "none");
        header.put("typ", "JWT");
        header.put("kid", consoleKey.getKeyID());
        String unsigned = base64(Attacks.JSON.writeValueAsString(header)) + "."
                + base64(adminClaims().build().toString()) + ".";
        // Also the variant with the algorithm spelled in another case, and with a signature left on.
        String noneUpper = unsigned.replaceFirst("^[^.]+", base64("{\"alg\":\"NONE\",\"typ\":\"JWT\"}"));
        String withSignature = signedByConsole(claims -> { }).replaceFirst("^[^.]+", base64("{\"alg\":\"none\"}"));
        refusedEverywhere(unsigned, noneUpper, withSignature);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        RSAKey attackerKey = new RSAKeyGenerator(2048).keyID(consoleKey.getKeyID()).generate();
        SignedJWT foreign = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(consoleKey.getKeyID()).build(),
                adminClaims().build());
        foreign.sign(new RSASSASigner(attackerKey));
        // HS256 keyed with the console's public key (what a verifier confusing the algorithms would check against).
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(consoleKey.getKeyID()).build(),
                adminClaims().build());
        confused.sign(new MACSigner(consoleKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8)));
        refusedEverywhere(foreign.serialize(), confused.serialize());
    }

    @Test
    void anExpiredTokenIsRefusedThoughTheConsoleSignedIt() throws Exception {
        Instant hourAgo = Instant.now().minusSeconds(3600);
        refusedEverywhere(signedByConsole(claims -> claims.issueTime(Date.from(hourAgo.minusSeconds(300)))
                .notBeforeTime(Date.from(hourAgo.minusSeconds(300))).expirationTime(Date.from(hourAgo))));
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsRefusedThoughTheConsoleSignedIt() throws Exception {
        refusedEverywhere(signedByConsole(claims -> claims.issuer("https://evil.example.com")),
                signedByConsole(claims -> claims.audience("another-service")),
                signedByConsole(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))));
    }

    @Test
    void aTokenThatIsNoJwtIsRefused() {
        refusedEverywhere("a.b.c", "eyJhbGciOiJSUzI1NiJ9." + "A".repeat(2_000) + ".x", "....");
    }

    private static void refusedEverywhere(String... tokens) {
        for (String token : tokens) {
            for (String url : protectedUrls()) {
                assertClearError(Attacks.get(url, token), 401);
            }
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
