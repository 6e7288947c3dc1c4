package io.creditgate.payment.topup;

/**
 * A user's auto top-up opt-in.
 *
 * @param thresholdCredits a balance below this triggers a top-up
 * @param packId the pack bought each time
 * @param monthlyCapMinor the most money charged per calendar month (UTC), in the pack's currency's minor unit
 * @param failuresInARow off-session charges that failed since the last success
 */
record AutoTopUpSetting(String userId, boolean enabled, long thresholdCredits, String packId, long monthlyCapMinor,
                        int failuresInARow) {
}
