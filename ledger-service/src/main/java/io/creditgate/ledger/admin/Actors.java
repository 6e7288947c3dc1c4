package io.creditgate.ledger.admin;

import java.util.regex.Pattern;

import io.creditgate.ledger.web.ApiException;

/**
 * Who does an admin action. The admin key is one shared secret, so the caller names the person in
 * {@code X-Creditgate-Actor} (an email or a login); without it the actor is {@value #DEFAULT_ACTOR}.
 * JWT identities will replace the header; the audit log already records whatever it says.
 */
final class Actors {

    static final String HEADER = "X-Creditgate-Actor";
    static final String DEFAULT_ACTOR = "admin-api";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@:+-]{1,200}");

    static String of(String header) {
        if (header == null) {
            return DEFAULT_ACTOR;
        }
        if (!VALID.matcher(header).matches()) {
            throw ApiException.badRequest(HEADER + " must be 1 to 200 characters of letters, digits, '.', '_', '@', ':', '+' or '-'");
        }
        return header;
    }

    private Actors() {
    }
}
