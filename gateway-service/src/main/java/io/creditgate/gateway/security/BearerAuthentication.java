package io.creditgate.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;

import reactor.core.publisher.Mono;

/**
 * Authenticates the bearer credential of an admin or key API call: the bootstrap admin key (compared as SHA-256
 * digests in constant time), else a console access token. With neither an issuer nor an enabled admin key
 * configured, every credential is refused: the APIs are never open by omission.
 */
final class BearerAuthentication implements ReactiveAuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(BearerAuthentication.class);

    private final byte[] adminKeyDigest;
    private final JwtReactiveAuthenticationManager tokens;

    BearerAuthentication(AuthProperties auth, AdminKeyProperties adminKey) {
        this.adminKeyDigest = auth.adminKeyEnabled() && adminKey.adminKey() != null ? sha256(adminKey.adminKey()) : null;
        this.tokens = auth.tokensAccepted() ? tokenManager(ConsoleTokens.decoder(auth)) : null;
    }

    private static JwtReactiveAuthenticationManager tokenManager(ReactiveJwtDecoder decoder) {
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(jwt -> Mono.just(new CallerAuthentication(ConsoleTokens.caller(jwt))));
        return manager;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return Mono.empty();
        }
        String token = bearer.getToken();
        if (adminKeyDigest != null && MessageDigest.isEqual(adminKeyDigest, sha256(token))) {
            return Mono.just(new CallerAuthentication(Caller.bootstrapAdmin()));
        }
        if (tokens == null) {
            return Mono.error(new InvalidBearerTokenException(adminKeyDigest == null
                    ? "This gateway accepts no credential on its admin APIs: set CREDITGATE_AUTH_ISSUER (console tokens)"
                            + " or CREDITGATE_ADMIN_KEY."
                    : "The credential is not the admin key, and this gateway accepts no tokens (CREDITGATE_AUTH_ISSUER is not set)."));
        }
        // Nimbus reports a JWKS it cannot read as a plain IllegalStateException: the console is down, not the token
        // wrong. As an AuthenticationServiceException it is answered 503 token_keys_unavailable, not 500.
        return tokens.authenticate(bearer).onErrorMap(failure -> !(failure instanceof AuthenticationException), failure -> {
            log.warn("The console's signing keys cannot be fetched: {}", failure.toString());
            return new AuthenticationServiceException("The console's signing keys cannot be fetched", failure);
        });
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
