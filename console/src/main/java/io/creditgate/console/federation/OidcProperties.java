package io.creditgate.console.federation;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation's IdP ({@code creditgate.console.oidc.*}); off while {@code issuerUri} is blank.
 *
 * @param name         shown on the button: "Sign in with &lt;name&gt;"
 * @param accountClaim the claim whose value is the person's ledger account id: {@code sub} (what LibreChat sends as
 *                     {{LIBRECHAT_USER_OPENIDID}}) or {@code email}
 * @param rolesClaim   the claim listing the person's IdP roles or groups
 * @param roleMapping  {@code idp-value=role,...}: IdP role value → Creditgate role (user, admin, finance); unmapped
 *                     values are ignored
 */
@ConfigurationProperties("creditgate.console.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, @DefaultValue("your organisation") String name,
                             @DefaultValue("sub") String accountClaim, @DefaultValue("roles") String rolesClaim,
                             @DefaultValue("") String roleMapping) {

    /** The parsed {@link #roleMapping}. */
    public Map<String, String> roleMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : roleMapping.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return map;
    }

    public boolean enabled() {
        return issuerUri != null && !issuerUri.isBlank();
    }
}
