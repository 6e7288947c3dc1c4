package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.creditgate.gateway.keys.VirtualKeyFormat;
import io.creditgate.schemas.identity.UserId;

/**
 * The gateway refuses exactly the user ids the ledger would (schemas' {@link UserId}), whichever credential names
 * them, before anything is reserved, forwarded or published: a call it served for an id the ledger then skipped
 * would go uncharged, its pending credits never cleared.
 */
class OneUserIdRuleTest extends KeysTestBase {

    @BeforeEach
    void fastUpstream() {
        fastDemo();
    }

    @Test
    void userIdWithASpaceIsRefusedWith400AndNothingIsReservedForwardedOrPublished() {
        String janeDoe = "jane doe";
        redis.delete(redis.keys("cg:{" + janeDoe + "}:*"));

        HttpResponse<String> response = post(janeDoe, chatBody("gpt-4o-mini", "Charge jane"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response.body()).at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(errorCode(response)).isEqualTo("user_invalid");
        assertThat(json(response.body()).at("/error/message").asString()).contains("X-User-Id", "whitespace");
        assertThat(DEMO.requestCount()).isZero();
        assertThat(redis.keys("cg:{" + janeDoe + "}:*")).isEmpty();
        assertThat(pending(janeDoe)).isEmpty();
        // Kafka: nothing for that id, even a moment later.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> EVENTS.of(janeDoe).isEmpty());
    }

    @Test
    void theLongestIdTheLedgerAcceptsIsServedAndOneCharacterMoreIsNot() {
        String longest = "u".repeat(UserId.MAX_CHARS - 36) + java.util.UUID.randomUUID();
        String tooLong = longest + "x";

        HttpResponse<String> served = post(longest, chatBody("gpt-4o-mini", "Long ids are fine"));
        HttpResponse<String> refused = post(tooLong, chatBody("gpt-4o-mini", "One too many"));

        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(awaitEvents(longest, 1)).hasSize(1);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(errorCode(refused)).isEqualTo("user_too_long");
        assertThat(EVENTS.of(tooLong)).isEmpty();
    }

    @Test
    void aVirtualKeyWhoseOwnerTheLedgerWouldRefuseIsNotServed() {
        // A key created before the one rule, when spaces were still accepted.
        String key = VirtualKeyFormat.PREFIX + java.util.UUID.randomUUID().toString().replace("-", "") + "legacyOwner";
        redis.opsForHash().putAll("cg:key:" + VirtualKeyFormat.sha256Hex(key), Map.of("id", "legacy-key", "userId", "jane doe"));

        HttpResponse<String> response = chatWith(key, "Charge the legacy owner");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("user_invalid");
        assertThat(DEMO.requestCount()).isZero();
        assertThat(pending("jane doe")).isEmpty();
    }

    @Test
    void aJwtNamingAnIdTheLedgerWouldRefuseIsNotServed() {
        HttpResponse<String> response = chatWith(userToken("jane doe", "user"), "Charge the claim");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(errorCode(response)).isEqualTo("jwt_invalid");
        assertThat(json(response.body()).at("/error/message").asString()).contains("user_invalid");
        assertThat(DEMO.requestCount()).isZero();
    }

    @Test
    void theKeyApiRefusesAnOwnerTheLedgerWouldRefuse() {
        HttpResponse<String> response = keyApi("POST", "/api/keys", ADMIN_KEY, "{\"userId\":\"jane doe\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errorCode(response)).isEqualTo("user_invalid");
        assertThat(json(response.body()).at("/error/param").asString()).isEqualTo("userId");
    }
}
