package io.creditgate.gateway.keys;

/** Who calls the key API: an admin (admin key, or a JWT with the {@code admin} role), or a user with their own JWT. */
record KeyApiCaller(boolean admin, String userId) {

    static KeyApiCaller administrator() {
        return new KeyApiCaller(true, null);
    }

    /** Admins act for anyone; a user only for themselves. */
    boolean mayActFor(String user) {
        return admin || userId.equals(user);
    }
}
