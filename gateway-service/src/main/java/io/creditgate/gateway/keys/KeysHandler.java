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

import io.creditgate.gateway.security.Caller;
import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.JsonBodies;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.gateway.web.QueryParameters;
import io.creditgate.schemas.identity.Role;
import io.creditgate.schemas.identity.UserId;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/keys}, {@code GET /api/keys?userId=}, {@code DELETE /api/keys/{id}}, {@code GET /api/keys/audit}.
 * Spring Security has authenticated the caller and checked the role ({@code io.creditgate.gateway.security.ApiAccess});
 * here the accounts are checked: an admin acts for anyone, finance reads anyone's keys, a user reaches only the
 * accounts of their token. Errors in OpenAI's shape, like every answer of the gateway; PostgreSQL being down is a
 * 503 {@code key_store_unavailable}.
 */
@Component
class KeysHandler {

    static final int NAME_MAX_CHARS = 200;
    static final int AUDIT_PAGE_SIZE_DEFAULT = 50;
    static final int AUDIT_PAGE_SIZE_MAX = 500;
    /** Pages are read by offset, and deep offsets are slow in PostgreSQL: how deep a page may start is bounded. */
    static final int AUDIT_OFFSET_MAX = 100_000;

    private static final Logger log = LoggerFactory.getLogger(KeysHandler.class);

    private final VirtualKeys keys;
    private final JsonMapper json;

    KeysHandler(VirtualKeys keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return caller(request)
                .flatMap(caller -> JsonBodies.read(request)
                        .map(this::parseObject)
                        .flatMap(body -> {
                            String userId = userOf(caller, text(body, "userId"), true);
                            String name = text(body, "name");
                            if (name != null && name.length() > NAME_MAX_CHARS) {
                                throw invalid("invalid_name", "'name' may hold at most " + NAME_MAX_CHARS + " characters.", "name");
                            }
                            return keys.create(userId, name, budget(body), caller.actor());
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
        return caller(request)
                .flatMap(caller -> keys.ofUser(userOf(caller, request.queryParam("userId").orElse(null), false)))
                .flatMap(found -> {
                    List<Map<String, Object>> data = found.stream().map(KeysHandler::view).toList();
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("object", "list", "data", data));
                })
                .onErrorMap(KeysHandler::storeFailure);
    }

    Mono<ServerResponse> revoke(ServerRequest request) {
        String id = request.pathVariable("id");
        return caller(request)
                // A user is told "not found" for another user's key too: ids of others' keys are none of their business.
                .flatMap(caller -> keys.byId(id)
                        .filter(found -> found.isPresent() && mayWrite(caller, found.get().userId()))
                        .switchIfEmpty(Mono.error(() -> notFound(id)))
                        .then(keys.revoke(id, caller.actor())))
                .flatMap(revoked -> revoked.isPresent()
                        ? ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(view(revoked.get()))
                        : Mono.error(notFound(id)))
                .onErrorMap(KeysHandler::storeFailure);
    }

    /** {@code GET /api/keys/audit?page=&size=}: who created and revoked which key, newest first. */
    Mono<ServerResponse> audit(ServerRequest request) {
        int size = QueryParameters.intParam(request, "size", AUDIT_PAGE_SIZE_DEFAULT, 1, AUDIT_PAGE_SIZE_MAX);
        int page = QueryParameters.intParam(request, "page", 0, 0, AUDIT_OFFSET_MAX / size);
        // One row more than the page tells whether another page follows.
        return keys.audit(page * size, size + 1)
                .flatMap(rows -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("object", "list");
                    body.put("data", rows.stream().limit(size).map(KeysHandler::view).toList());
                    body.put("page", page);
                    body.put("size", size);
                    body.put("hasMore", rows.size() > size);
                    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
                })
                .onErrorMap(KeysHandler::storeFailure);
    }

    private static Mono<Caller> caller(ServerRequest request) {
        return request.principal().map(Caller::of)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("the key API was reached without a caller")));
    }

    /** An admin manages anyone's keys; a user only those of their own accounts. Finance reads, never writes. */
    private static boolean mayWrite(Caller caller, String userId) {
        return caller.has(Role.ADMIN) || caller.owns(userId);
    }

    private static boolean mayRead(Caller caller, String userId) {
        return caller.has(Role.FINANCE) || mayWrite(caller, userId);
    }

    /**
     * The user acted for. Named: it must follow the ledger's rule, and be the caller's to reach. Not named: a user
     * with exactly one account means that one; anyone else must name it.
     */
    private static String userOf(Caller caller, String requested, boolean write) {
        if (requested == null) {
            if (!caller.has(Role.ADMIN) && !caller.has(Role.FINANCE) && caller.accounts().size() == 1 && caller.has(Role.USER)) {
                return caller.accounts().iterator().next();
            }
            throw invalid("user_missing", "Name the user: 'userId'.", "userId");
        }
        UserId.Problem problem = UserId.problemOf(requested);
        if (problem != null) {
            throw invalid(problem.code(), "'userId' is not a usable user id. " + problem.message(), "userId");
        }
        if (write ? !mayWrite(caller, requested) : !mayRead(caller, requested)) {
            throw new OpenAiError(HttpStatus.FORBIDDEN, "You may manage only the keys of your own accounts.",
                    "permission_error", "forbidden", "userId").asException();
        }
        return requested;
    }

    private JsonNode parseObject(byte[] body) {
        return body.length == 0 ? json.createObjectNode() : JsonBodies.object(json, body);
    }

    private static String text(JsonNode body, String field) {
        return JsonBodies.optionalString(body, field);
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

    private static Map<String, Object> view(KeyAuditEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("object", "key_audit_entry");
        view.put("action", entry.action());
        view.put("actor", entry.actor());
        view.put("keyId", entry.keyId());
        view.put("userId", entry.userId());
        view.put("name", entry.name());
        view.put("budgetCredits", entry.budgetCredits());
        view.put("at", entry.at().toString());
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
