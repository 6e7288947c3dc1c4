package io.creditgate.gateway.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims a signed token must also satisfy. Written here rather than taken from Spring's validators so that
 * an expired token can be told apart ({@code jwt_expired}, the client should get a fresh one) from one that is
 * wrong in any other way ({@code jwt_invalid}); and {@code exp} is required, since a token without one would
 * be a money credential that never expires.
 */
final class JwtClaimsCheck implements OAuth2TokenValidator<Jwt> {

    static final String EXPIRED = "jwt_expired";
    static final String INVALID = "jwt_invalid";

    private final Clock clock;
    private final Duration skew;
    private final String issuer;
    private final String audience;

    JwtClaimsCheck(Clock clock, JwtProperties properties) {
        this.clock = clock;
        this.skew = properties.clockSkew();
        this.issuer = properties.issuer();
        this.audience = properties.audience();
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        Instant now = clock.instant();
        Instant expiresAt = jwt.getExpiresAt();
        if (expiresAt == null) {
            return failure(INVALID, "The token has no 'exp' claim; tokens without an expiry are not accepted.");
        }
        if (now.minus(skew).isAfter(expiresAt)) {
            return failure(EXPIRED, "The token expired at " + expiresAt + "; get a new one.");
        }
        Instant notBefore = jwt.getNotBefore();
        if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
            return failure(INVALID, "The token is not valid before " + notBefore + ".");
        }
        if (issuer != null && !issuer.equals(jwt.getClaimAsString("iss"))) {
            return failure(INVALID, "The token was not issued by " + issuer + ".");
        }
        if (audience != null) {
            List<String> audiences = jwt.getAudience();
            if (audiences == null || !audiences.contains(audience)) {
                return failure(INVALID, "The token is not meant for audience " + audience + ".");
            }
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String code, String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(code, description, null));
    }
}
