package io.creditgate.gateway.admission;

import java.time.Duration;

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
 * @param reservationTtl how long a reservation may go unrenewed in Redis before it is taken for the leftover of a
 *     gateway that died mid-call and released; at least twice {@code leaseRenewal}
 * @param leaseRenewal how often a gateway renews the reservations of its calls still running (ReservationLeases)
 * @param sweepInterval how often the sweeper looks through Redis for expired reservations of users who
 *     make no call (a user's own next call sweeps theirs at once)
 * @param rememberedUsers users whose last standing each gateway keeps for open mode (about 100 bytes each)
 * @param openUnknownUserCredits in open mode without Redis, what a user this gateway has not seen may spend until
 *     Redis answers again; unset, the starting credits
 */
@ConfigurationProperties("creditgate.admission")
record AdmissionProperties(
        @DefaultValue("true") boolean capOutputToBalance,
        @DefaultValue("http://localhost:8084/app/buy") String buyCreditsUrl,
        @DefaultValue("16384") long defaultMaxOutputTokens,
        @DefaultValue("60s") Duration reservationTtl,
        @DefaultValue("15s") Duration leaseRenewal,
        @DefaultValue("15s") Duration sweepInterval,
        @DefaultValue("100000") int rememberedUsers,
        Long openUnknownUserCredits) {

    AdmissionProperties {
        if (defaultMaxOutputTokens < 1) {
            throw new IllegalArgumentException("creditgate.admission.default-max-output-tokens must be at least 1");
        }
        if (reservationTtl.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.admission.reservation-ttl must be positive");
        }
        if (leaseRenewal.toMillis() < 1 || reservationTtl.compareTo(leaseRenewal.multipliedBy(2)) < 0) {
            // A reservation must survive a missed renewal (Redis slow for a moment), or a running call loses it.
            throw new IllegalArgumentException("creditgate.admission.lease-renewal (" + leaseRenewal + ") must be positive "
                    + "and at most half of creditgate.admission.reservation-ttl (" + reservationTtl + ")");
        }
        if (sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("creditgate.admission.sweep-interval must be positive");
        }
        if (rememberedUsers < 2) {
            throw new IllegalArgumentException("creditgate.admission.remembered-users must be at least 2");
        }
        if (openUnknownUserCredits != null && openUnknownUserCredits < 0) {
            throw new IllegalArgumentException("creditgate.admission.open-unknown-user-credits must not be negative");
        }
    }
}
