package io.creditgate.gateway.keys;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The key API's JSON as records, for its OpenAPI document: {@link KeysHandler} writes the same fields by hand (with
 * nulls, in this order), and a test reads real answers into these records, failing on any field either side lacks,
 * so the two cannot drift apart. Credits: 1 credit = 1 micro-USD.
 */
public final class KeysApi {

    private KeysApi() {
    }

    /**
     * {@code POST /api/keys}'s body; every field is optional.
     *
     * @param userId the account the key spends from; omitted: the caller's only account
     * @param name at most {@value KeysHandler#NAME_MAX_CHARS} characters
     * @param budgetCredits the most the key may spend, at least 1; omitted: no budget of its own
     */
    public record KeyCreation(String userId, String name, @Schema(minimum = "1") Long budgetCredits) {
    }

    /**
     * A virtual key as listed: never the key itself, only its visible prefix.
     *
     * @param budgetCredits the most the key may spend; null = no budget of its own (the user's credits still apply)
     * @param spentCredits what calls with the key cost so far
     * @param revokedAt null while the key works
     */
    public record KeyView(String id, @Schema(allowableValues = "virtual_key") String object, String prefix,
                          String userId, String name, Long budgetCredits, long spentCredits, Instant createdAt,
                          Instant revokedAt) {
    }

    /**
     * A key just created: {@link KeyView}'s fields and the key itself, shown this once (only its hash is kept).
     */
    public record CreatedKeyView(String id, @Schema(allowableValues = "virtual_key") String object, String prefix,
                                 String userId, String name, Long budgetCredits, long spentCredits, Instant createdAt,
                                 Instant revokedAt, String key) {
    }

    /** {@code GET /api/keys}: a user's keys, revoked ones included. */
    public record KeyList(@Schema(allowableValues = "list") String object, List<KeyView> data) {
    }

    /**
     * One line of the key audit log.
     *
     * @param action {@code created} or {@code revoked}
     * @param actor who did it: the token's email, else its subject; or {@code bootstrap-admin-key}
     * @param userId the key's owner
     * @param budgetCredits the key's own budget; null = none
     */
    public record KeyAuditView(long id, @Schema(allowableValues = "key_audit_entry") String object,
                               @Schema(allowableValues = {"created", "revoked"}) String action, String actor,
                               String keyId, String userId, String name, Long budgetCredits, Instant at) {
    }

    /** {@code GET /api/keys/audit}: a page of the audit log, newest first; {@code hasMore} when another page follows. */
    public record KeyAuditPage(@Schema(allowableValues = "list") String object, List<KeyAuditView> data, int page,
                               int size, boolean hasMore) {
    }
}
