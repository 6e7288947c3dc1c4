package io.creditgate.gateway.jwt;

import java.util.Set;

import io.creditgate.schemas.identity.UserId;

/**
 * Who a valid token names: the user (valid by the ledger's rule) and the roles it grants (e.g. {@code user},
 * {@code admin}, {@code finance}).
 */
public record JwtCaller(UserId userId, Set<String> roles) {

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
