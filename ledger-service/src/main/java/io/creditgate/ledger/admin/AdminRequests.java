package io.creditgate.ledger.admin;

/** Bodies of the admin account commands; boxed so that a missing field is told apart from zero. */
final class AdminRequests {

    /**
     * {@code POST /api/admin/accounts/{userId}/adjustments}.
     *
     * @param amountCredits signed, not zero, at most {@code creditgate.max-grant-credits} either way
     * @param adjustmentId optional idempotency key ({@code [A-Za-z0-9._:-]{1,200}})
     */
    record Adjustment(Long amountCredits, String reason, String adjustmentId) {
    }

    /** {@code POST .../block} and {@code .../unblock}. */
    record Reasoned(String reason) {
    }

    /**
     * {@code PUT /api/admin/accounts/{userId}/cycle-cap}.
     *
     * @param capCredits 0 or more; null or absent removes the cap
     */
    record CycleCap(Long capCredits, String reason) {
    }

    /** {@code PUT /api/admin/accounts/{userId}/plan}: one of the configured plans ({@code GET /api/plans}). */
    record PlanAssignment(String planId, String reason) {
    }

    private AdminRequests() {
    }
}
