package io.creditgate.gateway.jwt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * JWT bearer tokens, for direct API users and the key API. Off unless one way to check signatures is set.
 *
 * @param secret the HS256 shared secret (at least 32 bytes, as HS256 requires); {@code CREDITGATE_JWT_SECRET}
 * @param jwkSetUri where the RS256 public keys are published (an identity provider's JWKS URL); fetched once,
 *     then again only when a token names a key id not seen yet
 * @param issuer when set, the {@code iss} a token must carry
 * @param audience when set, a value the token's {@code aud} must contain
 * @param userClaim the claim holding the user id; a dotted path reaches into nested objects
 * @param rolesClaim the claim holding the roles (a list, or a string of names separated by spaces or commas);
 *     dotted path too, e.g. Keycloak's {@code realm_access.roles}
 * @param clockSkew how far the gateway's clock may be from the issuer's when checking {@code exp} and {@code nbf}
 */
@ConfigurationProperties("creditgate.identity.jwt")
public record JwtProperties(
        String secret,
        String jwkSetUri,
        String issuer,
        String audience,
        @DefaultValue("sub") String userClaim,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("60s") Duration clockSkew) {

    public JwtProperties {
        secret = blankToNull(secret);
        jwkSetUri = blankToNull(jwkSetUri);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        if (secret != null && jwkSetUri != null) {
            throw new IllegalArgumentException(
                    "set one of creditgate.identity.jwt.secret (HS256) and creditgate.identity.jwt.jwk-set-uri (RS256), not both");
        }
        if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("creditgate.identity.jwt.secret must be at least 32 bytes (HS256 needs 256 bits)");
        }
        if (userClaim == null || userClaim.isBlank()) {
            throw new IllegalArgumentException("creditgate.identity.jwt.user-claim must name a claim");
        }
    }

    public boolean enabled() {
        return secret != null || jwkSetUri != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs and actuator output.
        return "JwtProperties[secret=" + (secret == null ? "none" : "***") + ", jwkSetUri=" + jwkSetUri + ", issuer="
                + issuer + ", audience=" + audience + ", userClaim=" + userClaim + ", rolesClaim=" + rolesClaim
                + ", clockSkew=" + clockSkew + "]";
    }
}
