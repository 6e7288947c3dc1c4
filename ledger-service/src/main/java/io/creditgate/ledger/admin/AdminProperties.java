package io.creditgate.ledger.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin API.
 *
 * @param adminKey the bearer key of the admin API (env {@code CREDITGATE_ADMIN_KEY}); blank disables the
 *     admin API (every call gets 401)
 * @param maxGrantCredits the largest single grant, in credits; the default 10^12 is one million USD
 */
@ConfigurationProperties("creditgate")
record AdminProperties(
        String adminKey,
        @DefaultValue("1000000000000") long maxGrantCredits) {

    AdminProperties {
        if (maxGrantCredits <= 0) {
            throw new IllegalArgumentException("creditgate.max-grant-credits must be above zero");
        }
    }

    boolean adminApiEnabled() {
        return adminKey != null && !adminKey.isBlank();
    }
}
