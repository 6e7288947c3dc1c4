package io.creditgate.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bootstrap admin key, as every Creditgate service names it.
 *
 * @param adminKey {@code CREDITGATE_ADMIN_KEY}; blank = none. Accepted as {@code Authorization: Bearer <key>} unless
 *     {@code creditgate.auth.admin-key-enabled=false}
 */
@ConfigurationProperties("creditgate")
public record AdminKeyProperties(String adminKey) {

    public AdminKeyProperties {
        adminKey = adminKey == null || adminKey.isBlank() ? null : adminKey.trim();
    }

    @Override
    public String toString() {
        // Keeps the secret out of logs and actuator output.
        return "AdminKeyProperties[adminKey=" + (adminKey == null ? "none" : "***") + "]";
    }
}
