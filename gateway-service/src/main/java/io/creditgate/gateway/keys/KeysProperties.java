package io.creditgate.gateway.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal virtual keys and their API.
 *
 * @param projectionInterval how often every key is projected from PostgreSQL into Redis (restoring what a Redis
 *     restart lost) and the spend Redis counted is saved to PostgreSQL
 * @param storeRetryInterval wait between tries to reach PostgreSQL (migrations) while it is down
 */
@ConfigurationProperties("creditgate.keys")
public record KeysProperties(
        @DefaultValue("1m") Duration projectionInterval,
        @DefaultValue("5s") Duration storeRetryInterval) {
}
