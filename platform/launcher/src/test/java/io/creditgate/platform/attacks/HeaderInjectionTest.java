package io.creditgate.platform.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.creditgate.platform.OnTestPlatform;
import io.creditgate.platform.RunningPlatform;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, newlines and control characters in everything a service might log: every header that names a user,
 * a request or a client, the path and the query (percent-encoded CR/LF), and a chat's JSON fields, sent byte for byte
 * to every service. No answer is a server error, every refusal of a path or query is a clear JSON error, and afterwards no
 * line of any service's log was forged (starts with the injected text) or carries a raw control character.
 */
@OnTestPlatform
class HeaderInjectionTest {

    /** What a log line must never contain raw: C0 controls but tab, DEL, NEL, the Unicode line and paragraph separators. */
    private static final Pattern RAW_CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F\\x85\\u2028\\u2029]");
    private static final List<String> HEADERS = List.of("X-User-Id", "X-User-Email", "User-Agent", "X-Request-Id",
            "Idempotency-Key", "X-Forwarded-For", "Referer", "Accept-Language", "Stripe-Signature");
    /** Bytes a header value may carry on the wire that become control characters once decoded: ESC, VT, NEL (as Latin-1), a bare LF. */
    private static final List<String> CONTROLS = List.of("\u001b[2J", "\u000b", "\u0085", "\n");

    @Test
    void injectedLineBreaksAndControlCharactersNeverReachALog() throws Exception {
        String marker = "FORGED-" + UUID.randomUUID();
        List<String> failures = new ArrayList<>();
        Map<String, String> targets = Map.of(
                RunningPlatform.gatewayUrl(), "/v1/chat/completions",
                RunningPlatform.ledgerUrl(), "/api/accounts/injected",
                RunningPlatform.alertUrl(), "/api/notifications?userId=injected",
                RunningPlatform.paymentUrl(), "/api/payments/packs",
                RunningPlatform.consoleUrl(), "/api/me");
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String bearer = target.getKey().equals(RunningPlatform.gatewayUrl()) ? RunningPlatform.SERVICE_KEY
                    : target.getKey().equals(RunningPlatform.consoleUrl()) ? "cgt_not-a-token" : RunningPlatform.ADMIN_KEY;
            for (String header : HEADERS) {
                for (String control : CONTROLS) {
                    String value = "inj" + control + marker;
                    Attacks.RawResponse answer = send(target.getKey(), post(target.getKey(), target.getValue(), bearer,
                            header + ": " + value + "\r\n", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"));
                    if (answer.status() == 0 || answer.status() >= 500) {
                        failures.add(target.getKey() + " " + header + " " + escaped(control) + ": " + answer.head());
                    }
                }
            }
            // Percent-encoded CR/LF in the path and the query: decoded by the service, so refused in its own words.
            for (String path : List.of("/api/accounts/inj%0d%0a" + marker, "/api/notifications?userId=inj%0a" + marker,
                    "/api/keys?userId=inj%0d" + marker, "/v1/models?x=inj%0a" + marker)) {
                Attacks.RawResponse answer = send(target.getKey(), get(target.getKey(), path, bearer));
                if (answer.status() == 0 || answer.status() >= 500) {
                    failures.add(target.getKey() + path + ": " + answer.head());
                } else if (answer.status() >= 400 && (answer.status() != 404 || !answer.body().isEmpty())) {
                    Attacks.assertClearErrorBody(target.getKey() + path, answer.header("Content-Type"), answer.body());
                }
            }
        }
        // JSON strings reach logs too (a model's name, a user field): a newline in them is data, never a new line.
        for (String field : List.of("\"model\":\"gpt-4o-mini\\n" + marker + "\"", "\"model\":\"x\\u2028" + marker + "\"",
                "\"model\":\"gpt-4o-mini\",\"user\":\"u\\r\\n" + marker + "\"")) {
            Attacks.RawResponse answer = send(RunningPlatform.gatewayUrl(), post(RunningPlatform.gatewayUrl(),
                    "/v1/chat/completions", RunningPlatform.SERVICE_KEY, "X-User-Id: injection-" + UUID.randomUUID() + "\r\n",
                    "{" + field + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
            if (answer.status() == 0 || answer.status() >= 500) {
                failures.add("chat with " + field + ": " + answer.head());
            }
        }
        assertThat(failures).as("answers that were server errors or not refusals").isEmpty();

        // Logs are written as they come; give the services a moment to write what these requests made them say.
        Thread.sleep(1_000);
        for (String line : Attacks.serviceLogLines()) {
            assertThat(line).as("a forged log line").doesNotStartWith(marker);
            if (line.contains(marker)) {
                assertThat(RAW_CONTROL.matcher(line).find()).as("a raw control character in: " + escaped(line)).isFalse();
            }
        }
    }

    private static Attacks.RawResponse send(String base, String request) {
        return Attacks.raw(base, null, request.getBytes(StandardCharsets.ISO_8859_1), Duration.ofSeconds(20));
    }

    private static String post(String base, String path, String bearer, String extraHeader, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: " + URI.create(base).getAuthority() + "\r\nAuthorization: Bearer " + bearer
                + "\r\n" + extraHeader + "Content-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String get(String base, String path, String bearer) {
        return "GET " + path + " HTTP/1.1\r\nHost: " + URI.create(base).getAuthority() + "\r\nAuthorization: Bearer " + bearer
                + "\r\nConnection: close\r\n\r\n";
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f || c == 0x85 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
