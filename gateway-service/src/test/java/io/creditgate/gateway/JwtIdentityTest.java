package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.nimbusds.jwt.JWTClaimsSet;

import io.creditgate.schemas.event.UsageRecorded;
import io.micrometer.core.instrument.MeterRegistry;

/** JWT bearer tokens on metered calls (HS256 here; RS256 with a JWKS in jwt/JwtAuthenticationTest). */
class JwtIdentityTest extends KeysTestBase {

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @Test
    void callWithAValidTokenIsChargedToItsSubjectNotToTheUserHeader() {
        String user = newUser();
        String other = newUser();
        double before = meters.counter("creditgate.identity.calls", "kind", "jwt").count();

        HttpResponse<String> response = post(Map.of("Authorization", "Bearer " + userToken(user, "user"),
                "X-User-Id", other), chatBody("gpt-4o-mini", "Charge my token"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        UsageRecorded event = awaitEvents(user, 1).get(0);
        assertPricedExactly(event);
        assertThat(EVENTS.of(other)).isEmpty();
        assertThat(meters.counter("creditgate.identity.calls", "kind", "jwt").count()).isEqualTo(before + 1);
    }

    @Test
    void openAiSdkWorksWithAJwtAsItsApiKey() {
        String user = newUser();
        var sdk = com.openai.client.okhttp.OpenAIOkHttpClient.builder().baseUrl(baseUrl() + "/v1")
                .apiKey(userToken(user)).maxRetries(0).timeout(CALL_TIMEOUT).build();

        var completion = sdk.chat().completions().create(com.openai.models.chat.completions.ChatCompletionCreateParams
                .builder().model("gpt-4o-mini").addUserMessage("Hello").build());

        assertThat(awaitEvents(user, 1).get(0).getCompletionTokens())
                .isEqualTo(completion.usage().orElseThrow().completionTokens());
    }

    @Test
    void expiredForgedAndIncompleteTokensAreRefusedWithTheirReason() {
        String user = newUser();
        Date inFiveMinutes = Date.from(Instant.now().plus(Duration.ofMinutes(5)));
        String expired = hs256(JWT_SECRET, new JWTClaimsSet.Builder().subject(user)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).build());
        String forged = hs256("another-secret-of-at-least-32-bytes-0123456789", new JWTClaimsSet.Builder()
                .subject(user).expirationTime(inFiveMinutes).build());
        String noSubject = hs256(JWT_SECRET, new JWTClaimsSet.Builder().claim("roles", List.of("user"))
                .expirationTime(inFiveMinutes).build());
        String noExpiry = hs256(JWT_SECRET, new JWTClaimsSet.Builder().subject(user).build());
        String bracedSubject = hs256(JWT_SECRET, new JWTClaimsSet.Builder().subject("a{b}").expirationTime(inFiveMinutes).build());
        double expiredBefore = meters.counter("creditgate.identity.failures", "reason", "jwt_expired").count();

        assertRefused(expired, "jwt_expired", "expired");
        assertRefused(forged, "jwt_invalid", "signature");
        assertRefused(noSubject, "jwt_invalid", "'sub'");
        assertRefused(noExpiry, "jwt_invalid", "'exp'");
        assertRefused(bracedSubject, "jwt_invalid", "user_invalid");
        assertRefused("eyJhbGciOiJIUzI1NiJ9.not-base64!.x", "jwt_invalid", "not valid");
        // Unsigned ("alg":"none", claims {"sub":"<user>"}): never accepted.
        String unsigned = "eyJhbGciOiJub25lIn0." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"" + user + "\",\"exp\":4102444800}").getBytes()) + ".";
        assertRefused(unsigned, "jwt_invalid", "not valid");
        assertThat(meters.counter("creditgate.identity.failures", "reason", "jwt_expired").count()).isEqualTo(expiredBefore + 1);
        assertThat(EVENTS.of(user)).isEmpty();
        assertThat(DEMO.requestCount()).isZero();
    }

    private void assertRefused(String token, String code, String messagePart) {
        HttpResponse<String> response = chatWith(token, "refused");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo(code);
        assertThat(json(response.body()).at("/error/message").asString()).contains(messagePart);
    }
}
