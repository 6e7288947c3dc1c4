package io.creditgate.gateway.admission;

import io.creditgate.gateway.identity.UserId;

/**
 * The Redis keys of one user in the admission contract (docs/architecture.md), named in one place.
 * The user id sits in a hash tag so that a Redis Cluster keeps one user's keys on one slot, which a
 * multi-key Lua script requires.
 */
public final class UserKeys {

    /** The keys the sweeper looks for (Redis SCAN's glob: braces are plain characters there). */
    static final String PENDING_AT_PATTERN = "cg:{*}:pending-at";
    static final String AT_SUFFIX = "-at";
    static final String TOTAL_SUFFIX = "-total";
    /**
     * Not a user's key: {@code complete} once the ledger has written every account to this Redis. A Redis that lost
     * its data lost it too, so an account missing while it is missing may be a lost one, not a new user's.
     */
    public static final String PROJECTION_MARKER = "cg:projection";
    public static final String PROJECTION_COMPLETE = "complete";

    private UserKeys() {
    }

    /** The ledger's projection of the account: balance, version, status, cycle figures. */
    public static String account(UserId user) {
        return "cg:{" + user.value() + "}:account";
    }

    static String pending(UserId user) {
        return "cg:{" + user.value() + "}:pending";
    }

    static String pendingAt(UserId user) {
        return pending(user) + AT_SUFFIX;
    }

    /** The sum of the pending hash's values: admission reads it instead of adding up every entry. */
    public static String pendingTotal(UserId user) {
        return pending(user) + TOTAL_SUFFIX;
    }
}
