package io.creditgate.web.security;

import java.util.Set;

import io.creditgate.schemas.identity.Role;

/**
 * Who is asking: the authenticated principal of a request, resolvable as a controller method argument.
 *
 * @param actor what the audit log records: the token's {@code email}, else its {@code sub}; or
 *     {@value #ADMIN_KEY_ACTOR} for the bootstrap admin key. Never a header the caller writes.
 * @param subject the token's {@code sub}; the actor for the admin key
 * @param roles the roles Creditgate knows among the token's {@code roles} claim
 * @param accounts the ledger user ids the person owns (the {@code accounts} claim); empty for the admin key
 */
public record Caller(String actor, String subject, Set<Role> roles, Set<String> accounts) {

    public static final String ADMIN_KEY_ACTOR = "bootstrap-admin-key";

    public Caller {
        roles = Set.copyOf(roles);
        accounts = Set.copyOf(accounts);
    }

    /** The holder of the bootstrap admin key: admin and finance, owner of no account. */
    static Caller adminKey() {
        return new Caller(ADMIN_KEY_ACTOR, ADMIN_KEY_ACTOR, Set.of(Role.ADMIN, Role.FINANCE), Set.of());
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when {@code userId} is one of the caller's own accounts. */
    public boolean owns(String userId) {
        return userId != null && accounts.contains(userId);
    }
}
