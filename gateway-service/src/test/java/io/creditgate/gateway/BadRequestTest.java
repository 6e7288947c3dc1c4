package io.creditgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import tools.jackson.databind.JsonNode;

/**
 * Every bad request gets a clear OpenAI-shaped 4xx; nothing is reserved, forwarded or published.
 * The users of refused calls are checked for events once, after all cases ran and a good call's event
 * arrived, so the suite does not wait per case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest extends GatewayTestBase {

    private static final String GOOD = chatBody("gpt-4o-mini", "Hi");
    /** Stands for a fresh user id in the cases below. */
    private static final String NEW_USER = "<new user>";
    private final List<String> refusedUsers = new CopyOnWriteArrayList<>();

    @BeforeAll
    void resetUpstream() {
        DEMO.reset();
    }

    static Stream<Arguments> badRequests() {
        String user = NEW_USER;
        String oversized = chatBody("gpt-4o-mini", "x".repeat(REQUEST_BODY_LIMIT_BYTES));
        return Stream.of(
                Arguments.of("malformed JSON", keyAnd(user), "{\"model\":\"gpt-4o-mini\",", 400, "invalid_json"),
                Arguments.of("not an object", keyAnd(user), "[1,2]", 400, "invalid_json"),
                Arguments.of("empty body", keyAnd(user), "", 400, "body_missing"),
                Arguments.of("no model", keyAnd(user), "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", 400,
                        "model_missing"),
                Arguments.of("unknown model", keyAnd(user), chatBody("gpt-3-nope", "Hi"), 400, "model_not_found"),
                Arguments.of("no messages", keyAnd(user), "{\"model\":\"gpt-4o-mini\"}", 400, "messages_invalid"),
                Arguments.of("messages not an array", keyAnd(user),
                        "{\"model\":\"gpt-4o-mini\",\"messages\":\"Hi\"}", 400, "messages_invalid"),
                Arguments.of("max_tokens not a number", keyAnd(user),
                        GOOD.replaceFirst("\\{", "{\"max_tokens\":\"lots\","), 400, "invalid_value"),
                Arguments.of("body over the limit", keyAnd(user), oversized, 413, "request_too_large"),
                Arguments.of("no service key", Map.of("X-User-Id", user), GOOD, 401, "service_key_missing"),
                Arguments.of("wrong service key", Map.of("Authorization", "Bearer wrong-key", "X-User-Id", user),
                        GOOD, 401, "service_key_wrong"),
                // The user id follows the ledger's one rule (schemas' UserId): what it would refuse is never served.
                Arguments.of("no user header", Map.of("Authorization", "Bearer " + SERVICE_KEY), GOOD, 400,
                        "user_missing"),
                Arguments.of("literal placeholder", keyAnd("{{LIBRECHAT_USER_ID}}"), GOOD, 400, "user_unresolved"),
                Arguments.of("empty user header", keyAnd(""), GOOD, 400, "user_missing"),
                Arguments.of("blank user header", keyAnd("   "), GOOD, 400, "user_missing"),
                Arguments.of("user id with a space", keyAnd("jane doe"), GOOD, 400, "user_invalid"),
                Arguments.of("user id with a brace", keyAnd("a{b"), GOOD, 400, "user_invalid"),
                Arguments.of("user id too long", keyAnd("u".repeat(256)), GOOD, 400, "user_too_long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesWithAnOpenAiShapedErrorAndChargesNothing(String name, Map<String, String> headers, String body,
                                                         int status, String code) {
        Map<String, String> withUser = new HashMap<>(headers);
        if (NEW_USER.equals(withUser.get("X-User-Id"))) {
            withUser.put("X-User-Id", newUser());
        }
        String user = withUser.getOrDefault("X-User-Id", "");
        refusedUsers.add(user);

        HttpResponse<String> response = post(withUser, body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode error = json(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("type").asString()).isNotBlank();
        assertThat(error.has("param")).isTrue();
        assertThat(DEMO.requestCount()).isZero();
        if (!user.isBlank() && !user.contains("{")) {
            assertThat(pending(user)).isEmpty();
        }
    }

    @Test
    void unknownPathIsAnOpenAiShaped404() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/embeddingz"))
                .header("Authorization", "Bearer " + SERVICE_KEY).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response.body()).at("/error/code").asString()).isEqualTo("not_found");
    }

    @AfterAll
    void noEventWasPublishedForAnyRefusedCall() {
        String marker = newUser();
        assertThat(post(marker, GOOD).statusCode()).isEqualTo(200);
        awaitEvents(marker, 1);
        assertThat(refusedUsers).isNotEmpty().allSatisfy(user -> assertThat(EVENTS.of(user)).isEmpty());
    }

    private static Map<String, String> keyAnd(String user) {
        return Map.of("Authorization", "Bearer " + SERVICE_KEY, "X-User-Id", user);
    }
}
