package io.creditgate.gateway.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.jwt.JwtAuthentication;
import io.creditgate.gateway.web.OpenAiError;
import reactor.core.publisher.Mono;

/**
 * Authenticates callers of {@code /api/keys}: {@code Authorization: Bearer <CREDITGATE_ADMIN_KEY>} (compared as
 * SHA-256 digests in constant time, as the ledger does) or a JWT. Neither the service key nor a virtual key
 * manages keys: a leaked chat credential must not be able to mint more.
 */
@Component
class KeyApiAuthentication {

    private static final String BEARER = "bearer ";

    private final byte[] adminKeyDigest;
    private final JwtAuthentication jwt;

    KeyApiAuthentication(KeysProperties properties, JwtAuthentication jwt) {
        this.adminKeyDigest = properties.adminKey() == null ? null : sha256(properties.adminKey());
        this.jwt = jwt;
    }

    Mono<KeyApiCaller> authenticate(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(OpenAiError.unauthorized("credentials_missing",
                    "Send the admin key or your JWT as 'Authorization: Bearer <token>'.").asException());
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, sha256(token))) {
            return Mono.just(KeyApiCaller.administrator());
        }
        if (jwt.enabled() && JwtAuthentication.looksLikeJwt(token)) {
            return jwt.authenticate(token).map(caller -> new KeyApiCaller(caller.hasRole("admin"), caller.userId()));
        }
        return Mono.error(OpenAiError.unauthorized("admin_key_wrong",
                "Keys are managed with the admin key (CREDITGATE_ADMIN_KEY) or a JWT; this credential is neither.")
                .asException());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
