package io.creditgate.gateway.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.creditgate.gateway.identity.IdentityProperties;
import io.creditgate.gateway.identity.UserIdRules;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/keys}, {@code GET /api/keys?userId=}, {@code DELETE /api/keys/{id}}. Errors in OpenAI's
 * shape, like every answer of the gateway; PostgreSQL being down is a 503 {@code key_store_unavailable}.
 */
@Component
class KeysHandler {

    static final int NAME_MAX_CHARS = 200;

    private static final Logger log = LoggerFactory.getLogger(KeysHandler.class);

    private final KeyApiAuthentication authentication;
    private final VirtualKeys keys;
    private final JsonMapper json;
    private final int userIdMaxChars;

    KeysHandler(KeyApiAuthentication authentication, VirtualKeys keys, JsonMapper json, IdentityProperties identity) {
        this.authentication = authentication;
        this.keys = keys;
        this.json = json;
        this.userIdMaxChars = identity.userIdMaxChars();
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return authentication.authenticate(request.headers().asHttpHeaders())
                .flatMap(caller -> request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0])
                        .map(this::parseObject)
                        .flatMap(body -> {
                            String userId = userOf(caller, text(body, "userId"));
                            String name = text(body, "name");
                            if (name != null && name.length() > NAME_MAX_CHARS) {
                                throw invalid("invalid_name", "'name' may hold at most " + NAME_MAX_CHARS + " characters.", "name");
                            }
                            return keys.create(userId, name, budget(body));
                        }))
                .flatMap(created -> {
                    Map<String, Object> view = view(created.key());
                    // Shown once: only its hash is kept.
                    view.put("key", created.secret());
                    return ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).bodyValue(view);
                })
                .onErrorMap(KeysHandler::storeFailure);
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return authentication.authenticate(request.headers().asHttpHeaders())
                .flatMap(caller -> keys.ofUser(userOf(caller, request.queryParam("userId").orElse(null))))
                .flatMap(found -> {
                    List<Map<String, Object>> data = found.stream().map(KeysHandler::view).toList();
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("object", "list", "data", data));
                })
                .onErrorMap(KeysHandler::storeFailure);
    }

    Mono<ServerResponse> revoke(ServerRequest request) {
        String id = request.pathVariable("id");
        return authentication.authenticate(request.headers().asHttpHeaders())
                // A user is told "not found" for another user's key too: ids of others' keys are none of their business.
                .flatMap(caller -> keys.byId(id)
                        .filter(found -> found.isPresent() && caller.mayActFor(found.get().userId()))
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .then(keys.revoke(id)))
                .flatMap(revoked -> revoked.isPresent()
                        ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view(revoked.get()))
                        : Mono.error(notFound(id)))
                .onErrorMap(KeysHandler::storeFailure);
    }

    /** The user acted for: an admin must name one, a user may name only themselves (or no one). */
    private String userOf(KeyApiCaller caller, String requested) {
        if (requested == null) {
            if (caller.admin()) {
                throw invalid("user_missing", "Name the user: 'userId'.", "userId");
            }
            return caller.userId();
        }
        String problem = UserIdRules.problem(requested, userIdMaxChars);
        if (problem != null) {
            throw invalid("invalid_user", "'userId' is not a usable user id (" + problem + ").", "userId");
        }
        if (!caller.mayActFor(requested)) {
            throw new OpenAiError(HttpStatus.FORBIDDEN, "You may manage only your own keys.", "permission_error",
                    "forbidden", "userId").asException();
        }
        return requested;
    }

    private JsonNode parseObject(byte[] body) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JacksonException e) {
            // answered below
        }
        throw invalid("invalid_json", "The body must be a JSON object.", null);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid("invalid_" + field, "'" + field + "' must be a string.", field);
        }
        return value.asString();
    }

    private static Long budget(JsonNode body) {
        JsonNode value = body.get("budgetCredits");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
            throw invalid("invalid_budget", "'budgetCredits' must be a whole number of credits, at least 1 "
                    + "(1 credit = 1 micro-USD), or absent for no budget of the key's own.", "budgetCredits");
        }
        return value.asLong();
    }

    private static Map<String, Object> view(VirtualKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("object", "virtual_key");
        view.put("prefix", key.prefix());
        view.put("userId", key.userId());
        view.put("name", key.name());
        view.put("budgetCredits", key.budgetCredits());
        view.put("spentCredits", key.spentCredits());
        view.put("createdAt", key.createdAt().toString());
        view.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return view;
    }

    private static GatewayException invalid(String code, String message, String param) {
        return OpenAiError.invalidRequest(code, message, param).asException();
    }

    private static GatewayException notFound(String id) {
        return new OpenAiError(HttpStatus.NOT_FOUND, "No key with id " + id + ".", "invalid_request_error",
                "key_not_found", "id").asException();
    }

    /** Anything but our own answers is PostgreSQL or Redis failing: 503, logged. */
    private static Throwable storeFailure(Throwable failure) {
        if (failure instanceof GatewayException) {
            return failure;
        }
        log.warn("The key store failed: {}", failure.toString());
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, "Keys cannot be managed right now (the key store is "
                + "unreachable). Try again in a moment.", "server_error", "key_store_unavailable", null).asException();
    }
}
