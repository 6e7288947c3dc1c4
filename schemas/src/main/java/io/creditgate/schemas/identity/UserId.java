package io.creditgate.schemas.identity;

import java.util.Objects;

/**
 * The id of the person a ledger account belongs to, as every topic is keyed and every API names it. One rule for
 * every edge (gateway header, JWT claim, virtual key owner, ledger and alert APIs, the console's tokens), so that
 * the gateway refuses exactly the ids the ledger would refuse: a call the gateway served for an id the ledger then
 * rejected would go uncharged.
 *
 * <p>The rule: 1 to {@value #MAX_CHARS} characters (the longest subject an OpenID Connect provider may issue), no
 * whitespace, no control characters, no braces. Braces are refused because the id sits inside a Redis hash tag
 * ({@code cg:{<userId>}:account}) and because a literal {@code {{LIBRECHAT_USER_ID}}} means LibreChat failed to
 * fill in its placeholder; charging that string would put many people into one shared bucket.
 *
 * @param value the id, never null, always valid
 */
public record UserId(String value) {

    /** OpenID Connect Core 1.0, section 5.1: {@code sub} must not exceed 255 ASCII characters. */
    public static final int MAX_CHARS = 255;

    public UserId {
        Problem problem = problemOf(value);
        if (problem != null) {
            throw new InvalidUserIdException(problem);
        }
    }

    /** The id, or {@link InvalidUserIdException} saying what is wrong with it. */
    public static UserId of(String value) {
        return new UserId(value);
    }

    /** True when {@code value} follows the rule. */
    public static boolean isValid(String value) {
        return problemOf(value) == null;
    }

    /** What is wrong with {@code value}, or null when it follows the rule. */
    public static Problem problemOf(String value) {
        if (value == null || value.isBlank()) {
            return Problem.MISSING;
        }
        if (value.contains("{{") || value.contains("}}")) {
            return Problem.UNRESOLVED;
        }
        if (value.length() > MAX_CHARS) {
            return Problem.TOO_LONG;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c) || c == '{' || c == '}') {
                return Problem.INVALID;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }

    /** Why an id is refused; {@link #code()} is the stable error code every API answers with. */
    public enum Problem {
        MISSING("user_missing", "is missing or empty"),
        UNRESOLVED("user_unresolved", "still holds an unfilled {{…}} placeholder"),
        TOO_LONG("user_too_long", "is longer than " + MAX_CHARS + " characters"),
        INVALID("user_invalid", "may not contain whitespace, control characters or braces");

        private final String code;
        private final String reason;

        Problem(String code, String reason) {
            this.code = code;
            this.reason = reason;
        }

        /** The error code: {@code user_missing}, {@code user_unresolved}, {@code user_too_long}, {@code user_invalid}. */
        public String code() {
            return code;
        }

        /** The rule broken, to follow "the user id " in a message. */
        public String reason() {
            return reason;
        }

        /** A sentence for an error message, e.g. "The user id may not contain whitespace, …". */
        public String message() {
            return "The user id " + reason + " (1 to " + MAX_CHARS
                    + " characters without whitespace, control characters or braces).";
        }
    }

    /** A user id that breaks the rule. */
    public static final class InvalidUserIdException extends IllegalArgumentException {

        private final Problem problem;

        public InvalidUserIdException(Problem problem) {
            super(Objects.requireNonNull(problem).message());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }
}
