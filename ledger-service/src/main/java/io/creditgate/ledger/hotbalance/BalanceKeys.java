package io.creditgate.ledger.hotbalance;

import java.util.List;

/**
 * The Redis keys of one user (docs/architecture.md). The user id sits in a hash tag so that a Redis
 * Cluster keeps all of them on one slot, which a multi-key Lua script requires.
 */
final class BalanceKeys {

    static String account(String userId) {
        return "cg:{" + userId + "}:account";
    }

    static String pending(String userId) {
        return "cg:{" + userId + "}:pending";
    }

    static String pendingTotal(String userId) {
        return pending(userId) + "-total";
    }

    static String pendingAt(String userId) {
        return pending(userId) + "-at";
    }

    static List<String> of(String userId) {
        return List.of(account(userId), pending(userId), pendingTotal(userId), pendingAt(userId));
    }

    private BalanceKeys() {
    }
}
