package io.creditgate.ledger.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One admin action.
 *
 * @param type GRANT, REVOKE, ADJUSTMENT, BLOCK, UNBLOCK, CAP or PLAN
 * @param version the account version of the journal event that records it
 * @param amountCredits signed credits moved (grants, revocations, adjustments); absent otherwise
 * @param capCredits the cap set (CAP); absent when removed or for other types
 * @param planId the plan assigned (PLAN)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEntry(long id, String userId, long version, String type, String actor, String reason, Long amountCredits,
        String grantId, Long capCredits, Instant occurredAt, String planId) {
}
