package io.creditgate.gateway.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param startingCredits the balance of a user the ledger has not seen yet; the ledger opens new
 *     accounts with the same setting ({@code CREDITGATE_STARTING_CREDITS}), so both agree
 */
@ConfigurationProperties("creditgate")
record StartingCreditsProperties(@DefaultValue("1000000") long startingCredits) {

    StartingCreditsProperties {
        if (startingCredits < 0) {
            throw new IllegalArgumentException("creditgate.starting-credits must not be negative");
        }
    }
}
