package io.creditgate.alert.web;

/** The user ids the API accepts: what the gateway keys topics by, within a sane length. */
public final class UserIds {

    private static final int MAX_CHARS = 256;

    public static String checked(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > MAX_CHARS) {
            throw ApiException.badRequest("userId must be 1.." + MAX_CHARS + " characters");
        }
        return userId;
    }

    private UserIds() {
    }
}
