package io.creditgate.gateway.identity;

import java.util.Objects;

/**
 * The user a call is charged to, and how the call named them: the ledger's user id (the one rule of
 * {@link io.creditgate.schemas.identity.UserId}, so the gateway never serves a call the ledger could not charge),
 * the personal virtual key the call came with, if any, and the email the trusted client asserted. The key rides
 * along with the call so that the call's cost can be added to the key's own budget when it ends
 * ({@code io.creditgate.gateway.keys.KeySpending}).
 *
 * @param id the ledger's user id, never null (so never malformed)
 * @param virtualKeyHash SHA-256 (hex) of the virtual key that named the user; null for the service key and JWTs
 * @param email the user's email as the trusted client asserted it (LibreChat's {@code X-User-Email}), or null;
 *     it travels on the call's UsageRecorded so that the alert service can reach the user
 */
public record UserId(io.creditgate.schemas.identity.UserId id, String virtualKeyHash, String email) {

    public UserId {
        Objects.requireNonNull(id, "id");
    }

    /**
     * A user named by the service key and a header, or by a JWT. Throws
     * {@link io.creditgate.schemas.identity.UserId.InvalidUserIdException} for an id the ledger would refuse.
     */
    public UserId(String value) {
        this(io.creditgate.schemas.identity.UserId.of(value), null, null);
    }

    /** A user named by a virtual key; the same rule applies to the key's owner. */
    public UserId(String value, String virtualKeyHash) {
        this(io.creditgate.schemas.identity.UserId.of(value), virtualKeyHash, null);
    }

    /** The id as text, as Redis keys and events carry it. */
    public String value() {
        return id.value();
    }

    /** The same user, with the email the trusted client asserted. */
    public UserId withEmail(String assertedEmail) {
        return new UserId(id, virtualKeyHash, assertedEmail);
    }

    /** The same user whatever credential named them: equality and hashing look at the id alone. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UserId that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** The id alone: the key's hash stays out of logs. */
    @Override
    public String toString() {
        return id.value();
    }
}
