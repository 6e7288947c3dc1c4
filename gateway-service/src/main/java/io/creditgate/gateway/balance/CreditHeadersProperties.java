package io.creditgate.gateway.balance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The credit headers of metered calls.
 *
 * @param warningPercent the share of the cycle's credits used (1 to 100) from which calls carry
 *     {@code X-Creditgate-Warning}
 */
@ConfigurationProperties("creditgate.headers")
record CreditHeadersProperties(@DefaultValue("80") int warningPercent) {

    CreditHeadersProperties {
        if (warningPercent < 1 || warningPercent > 100) {
            throw new IllegalArgumentException("creditgate.headers.warning-percent must be between 1 and 100");
        }
    }
}
