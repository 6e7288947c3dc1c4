package io.creditgate.console.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.creditgate.console.apitoken.ApiToken;
import io.creditgate.console.apitoken.ApiTokenPrincipal;
import io.creditgate.console.person.CurrentPersonFilter;
import io.creditgate.console.person.Person;
import io.creditgate.console.signingkey.SigningKeys;
import io.creditgate.console.token.TokenMinter;
import io.creditgate.console.token.TokenSubject;
import io.creditgate.schemas.identity.CreditgateToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The access token relayed for a request: for a browser session, minted once and kept in the session until one
 * minute before it expires; for an API token, minted per call (the token's rows are read anyway to check revocation).
 */
@Component
class RelayTokens {

    static final String SESSION_ATTRIBUTE = RelayTokens.class.getName();
    /** A token is renewed this long before it expires, so it never expires on the way to the service. */
    private static final Duration RENEW_BEFORE = Duration.ofSeconds(60);

    private final TokenMinter minter;
    private final SigningKeys keys;
    private final Clock clock;

    RelayTokens(TokenMinter minter, SigningKeys keys, Clock clock) {
        this.minter = minter;
        this.keys = keys;
        this.clock = clock;
    }

    /** The bearer value, or null when the authentication is neither a person nor an API token. */
    String forRequest(Authentication authentication, HttpServletRequest request) {
        if (authentication.getPrincipal() instanceof ApiTokenPrincipal principal) {
            ApiToken token = principal.token();
            return minter.mint(new TokenSubject(token.createdBy(), token.creatorEmail(), "API token " + token.name(), token.roles(),
                    token.accounts(), CreditgateToken.API_TOKEN)).value();
        }
        // Read from PostgreSQL once per request, by CurrentPersonFilter, which also ends a disabled person's session.
        Person person = CurrentPersonFilter.current(request).orElse(null);
        if (person == null) {
            return null;
        }
        String keyId = keys.current().getKeyID();
        HttpSession session = request.getSession();
        if (session.getAttribute(SESSION_ATTRIBUTE) instanceof Cached cached && cached.fingerprint().equals(fingerprint(person))
                && cached.keyId().equals(keyId)
                && clock.instant().plus(RENEW_BEFORE).isBefore(cached.minted().expiresAt())) {
            return cached.minted().value();
        }
        TokenMinter.Minted minted = minter.mint(new TokenSubject(person.id(), person.email(), person.name(), person.effectiveRoles(),
                person.accounts(), CreditgateToken.SESSION));
        session.setAttribute(SESSION_ATTRIBUTE, new Cached(minted, fingerprint(person), keyId));
        return minted.value();
    }

    /**
     * A cached token is reused only while the person's roles and accounts are what it says, and while its key still
     * signs: after two rotations within one token lifetime its key would no longer be published.
     */
    private static List<Object> fingerprint(Person person) {
        return List.of(person.effectiveRoles().toString(), person.accounts());
    }

    private record Cached(TokenMinter.Minted minted, List<Object> fingerprint, String keyId) implements java.io.Serializable {
    }
}
