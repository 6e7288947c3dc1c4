package io.creditgate.gateway.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;

import io.creditgate.gateway.web.GatewayException;
import io.creditgate.gateway.web.OpenAiError;
import io.creditgate.schemas.identity.UserId;
import reactor.core.publisher.Mono;

/**
 * Checks a JWT bearer token (HS256 with a shared secret, or RS256 with keys from a JWKS URL) and reads the
 * user and roles from its claims. Nimbus's decoder as Spring Security packages it, called directly: no
 * security filter chain runs on {@code /v1}, so calls with the service key pay nothing for JWT support (the admin
 * APIs' tokens are checked by Spring Security, {@code io.creditgate.gateway.security}). Refusals are OpenAI-shaped
 * errors; the caller counts them.
 */
@Component
public class JwtAuthentication {

    private static final Logger log = LoggerFactory.getLogger(JwtAuthentication.class);

    private final JwtProperties properties;
    private final NimbusReactiveJwtDecoder decoder;

    @Autowired
    JwtAuthentication(JwtProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwtAuthentication(JwtProperties properties, Clock clock) {
        this.properties = properties;
        this.decoder = properties.enabled() ? decoder(properties, clock) : null;
    }

    private static NimbusReactiveJwtDecoder decoder(JwtProperties properties, Clock clock) {
        NimbusReactiveJwtDecoder decoder = properties.secret() != null
                ? NimbusReactiveJwtDecoder.withSecretKey(new SecretKeySpec(
                        properties.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256).build()
                : NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                        .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(new JwtClaimsCheck(clock, properties));
        return decoder;
    }

    public boolean enabled() {
        return decoder != null;
    }

    /** A JWS in compact form: three base64url parts, the header a JSON object ({@code eyJ}). */
    public static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return token.startsWith("eyJ") && first > 0 && token.indexOf('.', first + 1) > first;
    }

    /** The caller the token names, or a 401 {@code jwt_invalid} / {@code jwt_expired} (503 when the keys cannot be fetched). */
    public Mono<JwtCaller> authenticate(String token) {
        if (decoder == null) {
            return Mono.error(failure(JwtClaimsCheck.INVALID, "This gateway does not accept JWTs."));
        }
        return decoder.decode(token)
                .onErrorMap(this::refusal)
                .map(this::caller);
    }

    private JwtCaller caller(Jwt jwt) {
        Object user = claim(jwt.getClaims(), properties.userClaim());
        String userId = user instanceof String text ? text : user instanceof Number number ? number.toString() : null;
        if (userId == null || userId.isEmpty()) {
            throw failure(JwtClaimsCheck.INVALID, "The token has no '" + properties.userClaim() + "' claim naming the user.");
        }
        // The ledger's rule, untrimmed: the ledger would refuse a padded id, so a call for it is never served.
        UserId.Problem problem = UserId.problemOf(userId);
        if (problem != null) {
            throw failure(JwtClaimsCheck.INVALID, "The token's '" + properties.userClaim()
                    + "' claim is not a usable user id (" + problem.code() + "): " + problem.message());
        }
        return new JwtCaller(new UserId(userId), roles(claim(jwt.getClaims(), properties.rolesClaim())));
    }

    private GatewayException refusal(Throwable failure) {
        if (failure instanceof JwtValidationException invalid) {
            OAuth2Error first = invalid.getErrors().iterator().next();
            String code = JwtClaimsCheck.EXPIRED.equals(first.getErrorCode()) ? JwtClaimsCheck.EXPIRED : JwtClaimsCheck.INVALID;
            return failure(code, first.getDescription() != null ? first.getDescription() : "The token is not valid.");
        }
        if (failure instanceof BadJwtException) {
            // Malformed, signed with another key, or with an algorithm not accepted here: Nimbus's message says which.
            return failure(JwtClaimsCheck.INVALID, "The token is not valid: "
                    + NestedExceptionUtils.getMostSpecificCause(failure).getMessage());
        }
        // Not the token's fault: the JWKS URL could not be read (Spring reports it as JwtException or IllegalStateException).
        log.warn("JWT keys unavailable: {}", failure.toString());
        return new OpenAiError(HttpStatus.SERVICE_UNAVAILABLE,
                "The keys to check your token cannot be fetched right now. Try again in a moment.",
                "server_error", "jwt_keys_unavailable", null).asException();
    }

    private static GatewayException failure(String code, String message) {
        return OpenAiError.unauthorized(code, message).asException();
    }

    /** A claim by name, or by a dotted path into nested objects when no claim has the full name. */
    private static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name) || name.indexOf('.') < 0) {
            return claims.get(name);
        }
        Object node = claims;
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }

    private static Set<String> roles(Object claim) {
        Set<String> roles = new LinkedHashSet<>();
        if (claim instanceof Collection<?> list) {
            list.forEach(role -> roles.add(String.valueOf(role)));
        } else if (claim instanceof String text) {
            for (String role : text.split("[,\\s]+")) {
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            }
        }
        return Set.copyOf(roles);
    }
}
