package io.creditgate.schemas.identity;

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
}
