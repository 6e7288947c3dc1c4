package io.creditgate.gateway.security;

import java.security.Principal;
import java.util.Set;

import io.creditgate.schemas.identity.Role;

/**
 * Who calls an admin or key API, as the handlers need it: the actor written into the audit log, the roles, and the
 * ledger accounts the caller owns.
 *
 * @param actor the token's {@code email}, else its {@code sub}; {@value #BOOTSTRAP_ADMIN_KEY} for the admin key.
 *     Never a header the caller writes
 * @param roles the Creditgate roles the caller holds (unknown role names in the token are left out)
 * @param accounts the ledger user ids the caller owns (the token's {@code accounts} claim); empty for the admin key
 */
public record Caller(String actor, Set<Role> roles, Set<String> accounts) {

    public static final String BOOTSTRAP_ADMIN_KEY = "bootstrap-admin-key";

    public Caller {
        roles = Set.copyOf(roles);
        accounts = Set.copyOf(accounts);
    }

    static Caller bootstrapAdmin() {
        return new Caller(BOOTSTRAP_ADMIN_KEY, Set.of(Role.ADMIN, Role.FINANCE), Set.of());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The account is the caller's own (the {@code user} role reaches only these). */
    public boolean owns(String userId) {
        return has(Role.USER) && accounts.contains(userId);
    }

    /**
     * The caller of a request the security chain let through. Only {@link CallerAuthentication} ever reaches a
     * handler: anything else means a route escaped the chain, which must fail loudly.
     */
    public static Caller of(Principal principal) {
        if (principal instanceof CallerAuthentication authentication) {
            return authentication.caller();
        }
        throw new IllegalStateException("No authenticated Creditgate caller on an admin route: " + principal);
    }
}
