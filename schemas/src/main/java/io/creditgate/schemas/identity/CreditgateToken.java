package io.creditgate.schemas.identity;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contract of the access tokens the console issues (Spring Authorization Server, RS256, JWKS at
 * {@code <issuer>/oauth2/jwks}) and every service accepts as an OAuth2 resource server. One place for the claim
 * names, so the issuer and the checkers cannot drift apart.
 *
 * <pre>
 * {
 *   "iss": "http://localhost:8084",          // the console; services check it (CREDITGATE_AUTH_ISSUER)
 *   "aud": ["creditgate"],                   // services refuse tokens without this audience
 *   "sub": "p-7f3c…",                        // the console's person id (stable, never an email)
 *   "email": "ana@example.com",
 *   "name": "Ana Souza",
 *   "roles": ["user", "admin"],              // Role#claimValue
 *   "accounts": ["ana@example.com"],         // ledger user ids this person owns (UserId rule)
 *   "token_use": "session" | "api_token",    // a browser session relayed by the console, or a script's API token
 *   "exp": …, "iat": …
 * }
 * </pre>
 */
public final class CreditgateToken {

    /** The audience every Creditgate access token carries and every service requires. */
    public static final String AUDIENCE = "creditgate";
    /** Lower-case role names ({@link Role#claimValue()}). */
    public static final String ROLES = "roles";
    /** The ledger user ids ({@link UserId}) the person may see as their own. */
    public static final String ACCOUNTS = "accounts";
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    /** {@link #SESSION} or {@link #API_TOKEN}. */
    public static final String TOKEN_USE = "token_use";
    public static final String SESSION = "session";
    public static final String API_TOKEN = "api_token";

    private CreditgateToken() {
    }

    /** The roles a token's claims grant; names Creditgate does not know are ignored, never an error. */
    public static Set<Role> roles(Map<String, Object> claims) {
        Set<Role> roles = new LinkedHashSet<>();
        for (String name : strings(claims.get(ROLES))) {
            Role role = Role.fromClaim(name);
            if (role != null) {
                roles.add(role);
            }
        }
        return Collections.unmodifiableSet(roles);
    }

    /** The ledger accounts a token's claims name; ids breaking the {@link UserId} rule are left out (they own nothing). */
    public static Set<String> accounts(Map<String, Object> claims) {
        Set<String> accounts = new LinkedHashSet<>();
        for (String account : strings(claims.get(ACCOUNTS))) {
            if (UserId.isValid(account)) {
                accounts.add(account);
            }
        }
        return Collections.unmodifiableSet(accounts);
    }

    /** Who acts, for an audit log: the token's {@code email}, else its {@code sub}; null when it has neither. */
    public static String actor(Map<String, Object> claims) {
        Object email = claims.get(EMAIL);
        if (email instanceof String text && !text.isBlank()) {
            return text;
        }
        return claims.get("sub") instanceof String subject ? subject : null;
    }

    /** A claim holding a list of strings, or one string; anything else counts as none. */
    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return claim instanceof String single ? List.of(single) : List.of();
    }
}
