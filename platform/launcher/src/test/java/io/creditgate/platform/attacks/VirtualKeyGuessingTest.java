package io.creditgate.platform.attacks;

import static io.creditgate.platform.attacks.Attacks.assertClearErrorBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, guessing virtual keys: a client that fails to authenticate more often than the gateway allows in a
 * minute ({@code CREDITGATE_FAILED_AUTHENTICATIONS_PER_MINUTE}, 30 by default) is refused with 429
 * {@code authentication_throttled} — even when it then presents a real key, so a guess tells nothing — while
 * another client is served as before, and nobody is charged. The guesser connects from 127.0.0.2 (the loopback
 * network is 127.0.0.0/8), so it is a client of its own beside every other test's 127.0.0.1.
 */
@OnTestPlatform
class VirtualKeyGuessingTest {

    private static final String GUESSER = "127.0.0.2";
    private static final int FAILURES_ALLOWED_PER_MINUTE = 30;
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void aClientGuessingKeysIsThrottledWhileOthersAreServedAndNothingIsCharged() {
        String owner = "guessed-" + UUID.randomUUID();
        var created = Attacks.postJson(RunningPlatform.gatewayUrl() + "/api/keys", RunningPlatform.ADMIN_KEY,
                "{\"userId\":\"" + owner + "\",\"name\":\"target\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String realKey = Attacks.JSON.readTree(created.body()).path("key").asString();
        String before = Attacks.ledgerRecordOf(owner);

        SecureRandom random = new SecureRandom();
        for (int guess = 0; guess < FAILURES_ALLOWED_PER_MINUTE; guess++) {
            Attacks.RawResponse refused = chatFrom(GUESSER, guessLike(realKey, random));
            assertThat(refused.status()).as(refused.head()).isEqualTo(401);
            assertThat(assertClearErrorBody("guess " + guess, refused.header("Content-Type"), refused.body())
                    .path("code").asString()).isEqualTo("key_unknown");
        }
        // One more failure is counted; from then on the address is throttled, whatever it presents.
        chatFrom(GUESSER, guessLike(realKey, random));
        for (String presented : new String[] {guessLike(realKey, random), realKey}) {
            Attacks.RawResponse throttled = chatFrom(GUESSER, presented);
            assertThat(throttled.status()).as(throttled.head()).isEqualTo(429);
            assertThat(assertClearErrorBody("throttled", throttled.header("Content-Type"), throttled.body())
                    .path("code").asString()).isEqualTo("authentication_throttled");
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 60L);
        }
        assertThat(Attacks.ledgerRecordOf(owner)).as("the real key, presented while throttled, charged nothing").isEqualTo(before);

        // Another client (every other test's address) with the real key: served, and only that call charged.
        assertThat(Attacks.chat(realKey, null).statusCode()).isEqualTo(200);
        // LibreChat behind the guesser's address keeps working: the service key is never throttled.
        Attacks.RawResponse libreChat = Attacks.raw(RunningPlatform.gatewayUrl(), GUESSER, Attacks.ascii(chatRequest(
                RunningPlatform.SERVICE_KEY, "X-User-Id: " + owner + "\r\n")), Duration.ofSeconds(20));
        assertThat(libreChat.status()).as(libreChat.head()).isEqualTo(200);
    }

    /** A key of the real one's shape: the {@code sk-cg-} prefix and 43 random base62 characters. */
    private static String guessLike(String realKey, SecureRandom random) {
        assertThat(realKey).startsWith("sk-cg-").hasSize("sk-cg-".length() + 43);
        StringBuilder guess = new StringBuilder("sk-cg-");
        for (int i = 0; i < 43; i++) {
            guess.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return guess.toString();
    }

    private static Attacks.RawResponse chatFrom(String address, String key) {
        return Attacks.raw(RunningPlatform.gatewayUrl(), address, Attacks.ascii(chatRequest(key, "")), Duration.ofSeconds(20));
    }

    private static String chatRequest(String key, String moreHeaders) {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: " + URI.create(RunningPlatform.gatewayUrl()).getAuthority() + "\r\n"
                + "Authorization: Bearer " + key + "\r\n" + moreHeaders + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }
}
