package io.creditgate.gateway.keys;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.schemas.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * Names the user of a call made with a personal virtual key: one Redis read ({@code HGETALL cg:key:<sha256>}).
 * PostgreSQL answers only when Redis cannot: while it is unreachable, or when it misses a key after a restart
 * that emptied it (the projection marker is then gone too), so that neither locks users out. Refusals are
 * OpenAI-shaped errors; the caller counts them ({@code io.creditgate.gateway.identity.IdentityMetrics}).
 */
@Component
public class VirtualKeyIdentification {

    private static final Logger log = LoggerFactory.getLogger(VirtualKeyIdentification.class);

    private final HotKeys hotKeys;
    private final KeyStore store;
    private final KeyProjection projection;

    VirtualKeyIdentification(HotKeys hotKeys, KeyStore store, KeyProjection projection) {
        this.hotKeys = hotKeys;
        this.store = store;
        this.projection = projection;
    }

    /**
     * The key's user, carrying the key's hash for its spend; 401 {@code key_unknown} / {@code key_revoked}, and
     * with {@code enforceBudget} 402 {@code key_budget_exhausted} once the key spent its budget; 400
     * {@code user_invalid} (or another {@code user_*} code) for a key whose owner the ledger would refuse (a key
     * created before the one rule: the call could not be charged).
     */
    public Mono<KeyOwner> identify(String presentedKey, boolean enforceBudget) {
        String hash = VirtualKeyFormat.sha256Hex(presentedKey);
        return hotKeys.lookup(hash)
                .map(Optional::of)
                .switchIfEmpty(Mono.defer(() -> missed(hash)))
                .onErrorResume(failure -> !(failure instanceof GatewayException), failure -> {
                    log.warn("Redis could not look up a virtual key ({}); asking PostgreSQL", failure.toString());
                    return fromStore(hash);
                })
                .map(found -> decide(found.orElse(null), hash, enforceBudget));
    }

    /** A miss is final unless Redis lost its keys (no projection marker): then PostgreSQL decides. */
    private Mono<Optional<HotKey>> missed(String hash) {
        return projection.projectedIntoRedis().flatMap(projected -> {
            if (projected) {
                return Mono.just(Optional.<HotKey>empty());
            }
            projection.projectSoon();
            return fromStore(hash);
        });
    }

    private Mono<Optional<HotKey>> fromStore(String hash) {
        return store.byHash(hash)
                .map(found -> found.map(stored -> HotKey.of(stored.key())))
                .onErrorMap(failure -> !(failure instanceof GatewayException), failure -> {
                    log.warn("Neither Redis nor PostgreSQL could look up a virtual key: {}", failure.toString());
                    return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE, "API keys cannot be checked right now, so the "
                            + "call was not sent. Try again in a moment; if it persists, tell your administrator.",
                            "server_error", "key_store_unavailable", null).asException();
                });
    }

    private KeyOwner decide(HotKey key, String hash, boolean enforceBudget) {
        if (key == null) {
            throw refusal(OpenAiError.unauthorized("key_unknown",
                    "This API key is not known to this gateway. Check that it was copied whole."));
        }
        if (key.revoked()) {
            throw refusal(OpenAiError.unauthorized("key_revoked",
                    "This API key was revoked. Create a new key or ask your administrator."));
        }
        if (enforceBudget && key.budgetExhausted()) {
            throw refusal(new OpenAiError(HttpStatus.PAYMENT_REQUIRED, "This API key has used its whole budget of "
                    + key.budgetCredits() + " credits. Use another key or ask your administrator for a new one.",
                    "credits_exhausted", "key_budget_exhausted", null));
        }
        UserId.Problem problem = UserId.problemOf(key.userId());
        if (problem != null) {
            throw refusal(OpenAiError.invalidRequest(problem.code(), "This API key belongs to a user id the ledger "
                    + "cannot charge, so the call was not sent. " + problem.message() + " Ask your administrator "
                    + "for a key of a valid user id.", null));
        }
        return new KeyOwner(new UserId(key.userId()), hash);
    }

    private static GatewayException refusal(OpenAiError error) {
        return error.asException();
    }
}
