package io.creditgate.gateway.identity;

/**
 * The id of the user a call is charged to (non-blank, bounded), and the personal virtual key it came with, if
 * any. The key rides along with the call so that the call's cost can be added to the key's own budget when it
 * ends ({@code io.creditgate.gateway.keys.KeySpending}).
 *
 * @param value the user id
 * @param virtualKeyHash SHA-256 (hex) of the virtual key that named the user; null for the service key and JWTs
 * @param email the user's email as the trusted client asserted it (LibreChat's {@code X-User-Email}), or null;
 *     it travels on the call's UsageRecorded so that the alert service can reach the user
 */
public record UserId(String value, String virtualKeyHash, String email) {

    /** A user named by the service key and a header, or by a JWT. */
    public UserId(String value) {
        this(value, null, null);
    }

    /** A user named by a virtual key. */
    public UserId(String value, String virtualKeyHash) {
        this(value, virtualKeyHash, null);
    }

    /** The same user, with the email the trusted client asserted. */
    public UserId withEmail(String assertedEmail) {
        return new UserId(value, virtualKeyHash, assertedEmail);
    }

    /** The same user whatever credential named them: equality and hashing look at the id alone. */
    @Override
    public boolean equals(Object other) {
        return other instanceof UserId that && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The id alone: the key's hash stays out of logs. */
    @Override
    public String toString() {
        return value;
    }
}
