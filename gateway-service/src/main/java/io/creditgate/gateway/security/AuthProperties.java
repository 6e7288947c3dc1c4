package io.creditgate.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the admin and key APIs ({@code /api/**}, {@code /actuator/**}): the console's access tokens and the
 * bootstrap admin key. The LibreChat path ({@code /v1/**}) does not read these settings.
 *
 * @param issuer the console's URL, the {@code iss} every token must carry ({@code CREDITGATE_AUTH_ISSUER}); blank =
 *     no token is accepted
 * @param jwkSetUri where the console publishes its RS256 keys ({@code CREDITGATE_AUTH_JWK_SET_URI}); default
 *     {@code <issuer>/oauth2/jwks}. Fetched on the first token, not at startup, so the gateway starts while the
 *     console is down
 * @param adminKeyEnabled whether the bootstrap admin key ({@code creditgate.admin-key}) is still accepted
 *     ({@code CREDITGATE_AUTH_ADMIN_KEY_ENABLED}); turn it off once people sign in through the console
 */
@ConfigurationProperties("creditgate.auth")
public record AuthProperties(String issuer, String jwkSetUri, @DefaultValue("true") boolean adminKeyEnabled) {

    public AuthProperties {
        issuer = blankToNull(issuer);
        jwkSetUri = blankToNull(jwkSetUri);
        if (jwkSetUri == null && issuer != null) {
            jwkSetUri = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth2/jwks";
        }
    }

    /** Tokens are accepted only when the issuer they must name is known. */
    public boolean tokensAccepted() {
        return issuer != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
