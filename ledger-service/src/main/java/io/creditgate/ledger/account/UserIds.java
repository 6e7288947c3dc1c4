package io.creditgate.ledger.account;

import java.util.regex.Pattern;

/**
 * The rule for user ids, shared by every edge. Braces are refused because the id sits inside a Redis
 * hash tag ({@code cg:{<userId>}:account}) and because a literal {@code {{LIBRECHAT_USER_ID}}} means the
 * front end failed to fill in its placeholder; whitespace and control characters are never real ids.
 */
public final class UserIds {

    public static final int MAX_LENGTH = 200;

    private static final Pattern ALLOWED = Pattern.compile("[^\\s\\p{Cntrl}{}]+");

    /** True when the id is 1 to 200 characters without whitespace, control characters or braces. */
    public static boolean isValid(String userId) {
        return userId != null && !userId.isEmpty() && userId.length() <= MAX_LENGTH && ALLOWED.matcher(userId).matches();
    }

    /** Throws {@link CommandRejectedException} when the id is not valid. */
    public static String requireValid(String userId) {
        CommandRejectedException.require(isValid(userId),
                "userId must be 1 to " + MAX_LENGTH + " characters without whitespace, control characters or braces");
        return userId;
    }

    private UserIds() {
    }
}
