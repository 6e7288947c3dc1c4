package io.creditgate.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the gateway and how the caller names the user.
 *
 * @param serviceKey the shared secret LibreChat sends as {@code Authorization: Bearer}; required,
 *     from {@code CREDITGATE_SERVICE_KEY}
 * @param userHeader the header that names the user ({@code {{LIBRECHAT_USER_ID}}} in LibreChat)
 * @param userEmailHeader the header that carries the user's email ({@code {{LIBRECHAT_USER_EMAIL}}}); read only
 *     with the service key, and only ever used to address alerts (an unusable value is ignored, not refused)
 * @param failedAuthenticationsPerMinute failed authentications (401) on {@code /v1} one client address may have in a
 *     minute before its further calls are refused with 429 for the rest of that minute
 *     ({@link FailedAuthenticationThrottle})
 */
@ConfigurationProperties("creditgate.identity")
public record IdentityProperties(
        String serviceKey,
        @DefaultValue("X-User-Id") String userHeader,
        @DefaultValue("X-User-Email") String userEmailHeader,
        @DefaultValue("30") int failedAuthenticationsPerMinute) {

    public IdentityProperties {
        if (serviceKey == null || serviceKey.isBlank()) {
            throw new IllegalArgumentException(
                    "creditgate.identity.service-key is required: set CREDITGATE_SERVICE_KEY to the key LibreChat sends");
        }
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs and actuator output.
        return "IdentityProperties[serviceKey=***, userHeader=" + userHeader + ", userEmailHeader=" + userEmailHeader
                + ", failedAuthenticationsPerMinute=" + failedAuthenticationsPerMinute + "]";
    }
}
