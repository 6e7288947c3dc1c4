package io.creditgate.ledger.account;

import io.creditgate.schemas.identity.UserId;

/**
 * The ledger's old name for the one user-id rule, kept while the controllers move to {@link UserId} (issue 10): every
 * method delegates to it, so the ledger has one rule (1 to 255 characters, no whitespace, control characters or
 * braces, no {@code {{…}}}), the gateway's. To be deleted once nothing calls it.
 */
public final class UserIds {

    public static final int MAX_LENGTH = UserId.MAX_CHARS;

    /** {@link UserId#isValid}. */
    public static boolean isValid(String userId) {
        return UserId.isValid(userId);
    }

    /** Throws {@link CommandRejectedException} (code {@code user_*}, as {@link UserId.Problem}) when the id is not valid. */
    public static String requireValid(String userId) {
        CreditAccount.requireValidUserId(userId);
        return userId;
    }

    private UserIds() {
    }
}
