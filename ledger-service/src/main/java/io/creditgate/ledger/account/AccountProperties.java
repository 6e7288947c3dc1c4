package io.creditgate.ledger.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account rules that are configuration, not code.
 *
 * @param startingCredits credits of the starting grant of every new account (env
 *     {@code CREDITGATE_STARTING_CREDITS}); the gateway admits an unseen user against the same amount
 */
@ConfigurationProperties("creditgate")
public record AccountProperties(@DefaultValue("1000000") long startingCredits) {

    public AccountProperties {
        if (startingCredits < 0) {
            throw new IllegalArgumentException("creditgate.starting-credits must not be negative, was " + startingCredits);
        }
    }
}
