package io.creditgate.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whom a service trusts.
 *
 * @param issuer the console's URL, the {@code iss} every token must carry (env {@code CREDITGATE_AUTH_ISSUER});
 *     blank: no token is accepted
 * @param jwkSetUri where the signing keys are (env {@code CREDITGATE_AUTH_JWK_SET_URI}); blank means
 *     {@code <issuer>/oauth2/jwks}. Fetched at the first token, so a service starts while the console is down.
 * @param adminKeyEnabled whether {@code creditgate.admin-key} is still accepted as a bearer token (env
 *     {@code CREDITGATE_AUTH_ADMIN_KEY_ENABLED}); turn it off once people sign in through the console
 */
@ConfigurationProperties("creditgate.auth")
public record AuthProperties(String issuer, String jwkSetUri, @DefaultValue("true") boolean adminKeyEnabled) {

    public boolean tokensEnabled() {
        return issuer != null && !issuer.isBlank();
    }

    /** The JWKS location: the configured one, else the console's default path under the issuer. */
    public String effectiveJwkSetUri() {
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            return jwkSetUri;
        }
        return issuer.replaceAll("/+$", "") + "/oauth2/jwks";
    }
}
