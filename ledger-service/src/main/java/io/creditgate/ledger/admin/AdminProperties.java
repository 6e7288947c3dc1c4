package io.creditgate.ledger.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin API's limits. Who may call it is service-web's concern (decision 40).
 *
 * @param maxGrantCredits the largest single grant, in credits; the default 10^12 is one million USD
 */
@ConfigurationProperties("creditgate")
record AdminProperties(
        @DefaultValue("1000000000000") long maxGrantCredits) {

    AdminProperties {
        if (maxGrantCredits <= 0) {
            throw new IllegalArgumentException("creditgate.max-grant-credits must be above zero");
        }
    }
}
