package io.creditgate.alert.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key of the alert service's API.
 *
 * @param adminKey the bearer key of {@code /api/**} (env {@code CREDITGATE_ADMIN_KEY}); blank refuses every call
 */
@ConfigurationProperties("creditgate")
record ApiKeyProperties(String adminKey) {

    boolean enabled() {
        return adminKey != null && !adminKey.isBlank();
    }
}
