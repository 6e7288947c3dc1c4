package io.creditgate.gateway.admission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How calls are admitted against a user's credits.
 *
 * @param capOutputToBalance when the user cannot afford the output limit asked (or the model's cap),
 *     lower {@code max_completion_tokens} to what they can afford, so that one call cannot overspend
 * @param buyCreditsUrl where the 402 message sends users for more credits
 * @param defaultMaxOutputTokens output tokens reserved for a call that names no limit, unless the
 *     model's price entry sets {@code max-output-tokens}
 */
@ConfigurationProperties("creditgate.admission")
record AdmissionProperties(
        @DefaultValue("true") boolean capOutputToBalance,
        @DefaultValue("http://localhost:8083/") String buyCreditsUrl,
        @DefaultValue("16384") long defaultMaxOutputTokens) {

    AdmissionProperties {
        if (defaultMaxOutputTokens < 1) {
            throw new IllegalArgumentException("creditgate.admission.default-max-output-tokens must be at least 1");
        }
    }
}
