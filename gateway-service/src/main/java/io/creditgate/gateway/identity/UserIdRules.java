package io.creditgate.gateway.identity;

/**
 * What a user id may hold, whichever credential names it (the header, a JWT claim, a virtual key's owner):
 * charging a malformed id would open a bucket nobody owns.
 */
public final class UserIdRules {

    private UserIdRules() {
    }

    /** Why the id is refused ({@code user_missing}, {@code user_unresolved}, {@code user_too_long}, {@code user_invalid}), or null. */
    public static String problem(String userId, int maxChars) {
        if (userId == null || userId.isBlank()) {
            return "user_missing";
        }
        // Older LibreChat versions leave a placeholder they could not fill as literal text; charging
        // that string would put many users into one shared bucket.
        if (userId.contains("{{") || userId.contains("}}")) {
            return "user_unresolved";
        }
        if (userId.length() > maxChars) {
            return "user_too_long";
        }
        return hasOnlyAllowedCharacters(userId) ? null : "user_invalid";
    }

    /** Braces would break the Redis hash tag {@code cg:{<userId>}:…}; control characters break logs. */
    private static boolean hasOnlyAllowedCharacters(String userId) {
        for (int i = 0; i < userId.length(); i++) {
            char c = userId.charAt(i);
            if (Character.isISOControl(c) || c == '{' || c == '}') {
                return false;
            }
        }
        return true;
    }
}
