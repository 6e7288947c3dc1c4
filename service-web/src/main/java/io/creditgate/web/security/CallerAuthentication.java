package io.creditgate.web.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the {@link Caller} as principal, its roles as {@code ROLE_*} authorities. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(caller.roles().stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** The token is not kept: nothing downstream needs it, and it cannot leak from here into a log. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.actor();
    }
}
