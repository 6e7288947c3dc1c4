package io.creditgate.gateway.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal virtual keys and their API.
 *
 * @param adminKey the admin's secret for {@code /api/keys} ({@code CREDITGATE_ADMIN_KEY}, as the ledger's); blank =
 *     only JWTs manage keys
 * @param projectionInterval how often every key is projected from PostgreSQL into Redis (restoring what a Redis
 *     restart lost) and the spend Redis counted is saved to PostgreSQL
 * @param storeRetryInterval wait between tries to reach PostgreSQL (migrations) while it is down
 */
@ConfigurationProperties("creditgate.keys")
public record KeysProperties(
        String adminKey,
        @DefaultValue("1m") Duration projectionInterval,
        @DefaultValue("5s") Duration storeRetryInterval) {

    public KeysProperties {
        adminKey = adminKey == null || adminKey.isBlank() ? null : adminKey.trim();
    }

    @Override
    public String toString() {
        return "KeysProperties[adminKey=" + (adminKey == null ? "none" : "***") + ", projectionInterval="
                + projectionInterval + ", storeRetryInterval=" + storeRetryInterval + "]";
    }
}
